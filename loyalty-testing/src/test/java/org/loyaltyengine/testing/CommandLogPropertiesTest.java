package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.CommandHistory;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.CommandLogQuery;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The canonical JSON of a logged request (SPEC X-11, docs/command-log.md) for any item a till may send:
 * equal requests built apart give the same bytes in two tenants' logs and the same fingerprint (the second
 * under the first's key replays), and the logged JSON reads back as an equal request. Products hold quotes,
 * backslashes and letters beyond ASCII; decimals come in every scale the records allow.
 */
@Tag("X-11")
@Tag("X-4")
class CommandLogPropertiesTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 31);
    private static final Actor CASHIER = Actor.of("cashier-eva");
    private static final Actor AUDITOR = Actor.of("auditor-jan", CommandHistory.READ_PERMISSION);
    private static final LoyaltyEngine ENGINE = LoyaltyEngine.builder().store(new InMemoryStore())
            .clock(new MutableClock(Instant.parse("2026-03-31T09:00:00Z"))).build();
    private static final PosCards POS = ENGINE.posCards();

    /** The components of an item, so that two equal items can be built apart. */
    record Parts(String product, String price, String vat, String discount) {
    }

    @Provide
    Arbitrary<Parts> items() {
        Arbitrary<String> product = Arbitraries.strings().withCharRange('a', 'z').withChars('"', '\\', '/', 'č', 'ř',
                'é', '€', ' ').ofMinLength(1).ofMaxLength(30).filter(s -> !s.isBlank());
        Arbitrary<String> price = Arbitraries.integers().between(1, 9_999_999).map(c -> BigDecimal.valueOf(c, 2)
                .toPlainString());
        // VAT and discounts in any scale the till sends: 21, 21.0, 12.5, 0.05, 100.
        Arbitrary<String> percent = Arbitraries.integers().between(0, 10_000).flatMap(v -> Arbitraries.integers()
                .between(0, 4).map(scale -> BigDecimal.valueOf(v, 2).setScale(2 + scale).toPlainString()));
        return Combinators.combine(product, price, percent, percent.injectNull(0.3)).as(Parts::new);
    }

    private static AddItem item(Parts p) {
        return new AddItem("R1", "1", p.product(), Money.of(p.price(), "CZK"), false, new BigDecimal(p.vat()),
                p.discount() == null ? null : new BigDecimal(p.discount()));
    }

    private static CommandLogEntry logged(TenantId shop, AddItem item) {
        POS.openReceipt(CommandContext.of(shop, CASHIER, "open", DAY), new OpenReceipt("R1", Money.currency("CZK")));
        POS.addItem(CommandContext.of(shop, CASHIER, "item", DAY), item);
        List<CommandLogEntry> log = ENGINE.commandLog().read(shop, AUDITOR, CommandLogQuery.all().command(
                "pos-card.add-item"));
        assertEquals(1, log.size());
        return log.get(0);
    }

    @Property(tries = 200)
    void equalItems_giveEqualJson_andReadBackEqual(@ForAll("items") Parts parts) {
        AddItem first = item(parts);
        AddItem second = item(parts);
        TenantId one = TenantId.of("p-" + UUID.randomUUID());
        TenantId other = TenantId.of("p-" + UUID.randomUUID());

        CommandLogEntry a = logged(one, first);
        CommandLogEntry b = logged(other, second);
        Outcome repeat = POS.addItem(CommandContext.of(one, CASHIER, "item", DAY), second);

        assertEquals(a.request(), b.request());
        assertEquals(first, ENGINE.commandLog().readRequest(a));
        assertEquals(a.outcome(), repeat, "the equal item under the first one's key is its repeat");
    }
}

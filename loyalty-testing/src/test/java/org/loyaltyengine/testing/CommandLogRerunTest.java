package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.CommandHistory;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.DefineProduct;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.CommandLogQuery;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * A log exported from one engine, imported and run again entry by entry on a fresh engine whose clock is set
 * to each entry's time, gives every entry's outcome again (SPEC X-11): the ground the what-if tool stands on.
 * Commands of three programs, applied and rejected, one built per call (a customer's creation, which enrols
 * the customer in the card).
 */
@Tag("X-11")
class CommandLogRerunTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 31);
    private static final TenantId SHOP = TenantId.of("shop-1");
    private static final Actor CLERK = Actor.of("clerk-ria", PosCards.CARDS_PERMISSION, Customers.WRITE_PERMISSION,
            CustomerCards.SETTINGS_PERMISSION, CustomerCards.CATALOGUE_PERMISSION);
    private static final Actor AUDITOR = Actor.of("auditor-jan", CommandHistory.READ_PERMISSION);

    @Test
    void rerun_ofAnImportedLog_onAFreshEngine_givesEveryOutcomeAgain() {
        MutableClock clock = new MutableClock(Instant.parse("2026-03-31T09:00:00Z"));
        LoyaltyEngine original = LoyaltyEngine.builder().store(new InMemoryStore()).clock(clock).build();
        int[] key = {0};
        java.util.function.Supplier<CommandContext> next = () -> {
            clock.advance(Duration.ofSeconds(7));
            return CommandContext.of(SHOP, CLERK, "k" + (++key[0]), DAY);
        };
        PosCards pos = original.posCards();
        pos.defineCard(next.get(), new Card("1001", "Petr", "Svoboda", BigDecimal.ZERO, true, true,
                Money.currency("CZK")));
        pos.openReceipt(next.get(), new OpenReceipt("R1", Money.currency("CZK")));
        pos.identifyCard(next.get(), new IdentifyCard("R1", "1001", null));
        pos.addItem(next.get(), AddItem.topUp("R1", "1", Money.of("200.00", "CZK")));
        pos.pay(next.get(), new PayReceipt("R1"));
        pos.changeCredit(next.get(), new ChangeCredit("1001", Money.of("-10.00", "CZK"), "refused: no permission"));
        original.customerCards().configure(next.get(), new Configure(new BigDecimal("10"), null, 3, null, null, true,
                Money.currency("EUR")));
        original.customerCards().defineProduct(next.get(), new DefineProduct("food", LocalDate.of(2026, 1, 1), true,
                null));
        original.customers().create(next.get(), new CustomerRequests.Create("C1", CustomerProfile.named("Anna")));
        original.customerCards().lock(next.get(), new Sale("S1", "C1", DAY, Money.currency("EUR"),
                List.of(new SaleLine("1", "food", BigDecimal.ONE, Money.of("30.00", "EUR")))));
        StringWriter export = new StringWriter();
        original.commandLog().export(SHOP, AUDITOR, CommandLogQuery.all(), export);
        List<CommandLogEntry> log = CommandHistory.importFrom(new StringReader(export.toString()));

        MutableClock replayClock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        LoyaltyEngine fresh = LoyaltyEngine.builder().store(new InMemoryStore()).clock(replayClock).build();
        List<Outcome> again = log.stream().map(e -> {
            replayClock.advance(Duration.between(replayClock.instant(), e.recordedAt()));
            return fresh.commandLog().rerun(e);
        }).toList();

        assertEquals(10, log.size());
        assertEquals(List.of("PERMISSION_REQUIRED"), log.get(5).outcome().reasonCodes());
        assertEquals(1, log.get(9).outcome().entries().size(), "the locked sale's line landed on the card");
        assertEquals(log.stream().map(CommandLogEntry::outcome).toList(), again);
        assertEquals(log.stream().map(CommandLogEntry::request).toList(), fresh.commandLog()
                .read(SHOP, AUDITOR, CommandLogQuery.all()).stream().map(CommandLogEntry::request).toList());
    }
}

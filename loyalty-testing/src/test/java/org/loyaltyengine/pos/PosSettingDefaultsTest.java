package org.loyaltyengine.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.MutableClock;

/**
 * The hold time of a program never configured is data of the rule-set version in force on the business
 * date ({@code setting.holdMinutes} of its {@code ruleset.properties}), not a constant of the code.
 */
@Tag("PC-5")
@Tag("X-11")
class PosSettingDefaultsTest {
    private static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION, PosCards.MANUAL_PERMISSION,
            PosCards.SETTINGS_PERMISSION);
    private static final TenantId SHOP = TenantId.of("shop");

    private final AtomicLong keys = new AtomicLong();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-02T09:00:00Z"));

    /** The packaged pos-card v1 (hold 720 minutes), a v2 from June holding 60, a v3 from September naming none. */
    private static Path rules(Path dir) throws IOException {
        for (Map.Entry<String, String> f : RuleSource.defaults().only("pos-card/v1").files().entrySet()) {
            for (String version : new String[] {"v1", "v2", "v3"}) {
                Path target = dir.resolve(f.getKey().replace("pos-card/v1/", "pos-card/" + version + "/"));
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue());
            }
        }
        Files.writeString(dir.resolve("pos-card/v2/ruleset.properties"),
                "effective-from=2026-06-01\ndescription=short holds\nsetting.holdMinutes=60\n");
        Files.writeString(dir.resolve("pos-card/v3/ruleset.properties"),
                "effective-from=2026-09-01\ndescription=no hold default\n");
        return dir;
    }

    private PosCards pos(Path dir) throws IOException {
        return LoyaltyEngine.builder().store(new InMemoryStore()).clock(clock).rules(RuleSource.folder(rules(dir)))
                .build().posCards();
    }

    private CommandContext on(LocalDate day) {
        return CommandContext.of(SHOP, CASHIER, "k" + keys.incrementAndGet(), day);
    }

    /** A credit card with 100.00 and a receipt R1 with one item of 30.00 reserved from it, on {@code day}. */
    private Outcome reserve(PosCards pos, LocalDate day) {
        applied(pos.defineCard(on(day), new Card("2001", "Petr", "Svoboda", BigDecimal.ZERO, true, true,
                Money.currency("CZK"))));
        applied(pos.changeCredit(on(day), new ChangeCredit("2001", Money.of("100.00", "CZK"), "deposit")));
        applied(pos.openReceipt(on(day), new OpenReceipt("R1", Money.currency("CZK"))));
        applied(pos.identifyCard(on(day), new IdentifyCard("R1", "2001", null)));
        return pos.addItem(on(day), AddItem.of("R1", "1", "wine", Money.of("30.00", "CZK"), "21"));
    }

    private static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    @Test
    void theVersionInForceOnTheBusinessDateGivesTheHoldTime(@TempDir Path dir) throws IOException {
        PosCards pos = pos(dir);
        LocalDate june = LocalDate.of(2026, 6, 2);
        assertEquals(1, applied(reserve(pos, june)).holds().size());

        clock.advance(Duration.ofMinutes(59));
        assertEquals(0, applied(pos.expireHolds(on(june))).holds().size(), "v2 holds for 60 minutes");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, applied(pos.expireHolds(on(june))).holds().size(), "v2 holds for 60 minutes");
    }

    @Test
    void thePackagedVersionHoldsTwelveHours(@TempDir Path dir) throws IOException {
        PosCards pos = pos(dir);
        LocalDate may = LocalDate.of(2026, 5, 31);
        assertEquals(1, applied(reserve(pos, may)).holds().size());

        clock.advance(Duration.ofHours(12).minusMinutes(1));
        assertEquals(0, applied(pos.expireHolds(on(may))).holds().size(), "v1 holds for 720 minutes");
        clock.advance(Duration.ofMinutes(1));
        assertEquals(1, applied(pos.expireHolds(on(may))).holds().size(), "v1 holds for 720 minutes");
    }

    @Test
    void aVersionWithoutTheDefaultIsRefusedNamingTheSetting(@TempDir Path dir) throws IOException {
        PosCards pos = pos(dir);
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> reserve(pos, LocalDate.of(2026, 9, 2)));
        assertTrue(e.getMessage().contains("pos-card v3") && e.getMessage().contains("setting.holdMinutes"),
                e::getMessage);
    }

    @Test
    void aConfiguredHoldTimeWinsOverTheDefault(@TempDir Path dir) throws IOException {
        PosCards pos = pos(dir);
        LocalDate september = LocalDate.of(2026, 9, 2);
        applied(pos.configure(on(september), new PosRequests.Configure(30)));
        assertEquals(1, applied(reserve(pos, september)).holds().size());

        clock.advance(Duration.ofMinutes(30));
        assertEquals(1, applied(pos.expireHolds(on(september))).holds().size());
    }
}

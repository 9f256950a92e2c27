package org.loyaltyengine.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.card.CardFixtures.DAY;
import static org.loyaltyengine.testing.card.CardFixtures.applied;
import static org.loyaltyengine.testing.card.CardFixtures.assertAmount;
import static org.loyaltyengine.testing.card.CardFixtures.line;
import static org.loyaltyengine.testing.card.CardFixtures.sale;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.card.CardFixtures;

/**
 * The customer card's reads answer for one business date and one snapshot: whether a card is
 * full is decided by the rule-set version in force on the date the host asks about, not the engine
 * clock's day; a settlement preview shows the open lines its amount was decided on.
 */
class CustomerCardReadsTest {
    private static final LocalDate SECOND_VERSION = LocalDate.of(2027, 1, 1);

    /**
     * The packaged customer-card v1, and a v2 from 2027 in which a card is full only with more purchases
     * than the practice's minimum, no longer with exactly the minimum.
     */
    private static Path twoVersions(Path dir) throws IOException {
        for (Map.Entry<String, String> f : RuleSource.defaults().only("customer-card/v1").files().entrySet()) {
            if (f.getKey().endsWith(".scenario")) {
                continue;
            }
            for (String v : List.of("v1", "v2")) {
                Path target = dir.resolve(f.getKey().replace("/v1/", "/" + v + "/"));
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue());
            }
        }
        Files.writeString(dir.resolve("customer-card/v2/ruleset.properties"),
                "effective-from=" + SECOND_VERSION + "\ndescription=a card is full with more purchases than the minimum\n");
        Path thresholds = dir.resolve("customer-card/v2/thresholds.drl");
        String v1 = Files.readString(thresholds);
        String v2 = v1.replace("CardCount( purchases >= $min )", "CardCount( purchases > $min )");
        assertFalse(v1.equals(v2), "the v1 rule this test changes is no longer there");
        Files.writeString(thresholds, v2);
        return dir;
    }

    /** A practice at 10% with a minimum of two purchases, where c1 bought food twice in June 2026. */
    private static CardFixtures twoPurchasesOfC1(LoyaltyEngine engine, LoyaltyStore store) {
        CardFixtures vet = new CardFixtures(engine, store);
        vet.configure(new Configure(BigDecimal.TEN, null, 2, null, null, false, null));
        vet.eligible("food");
        vet.enrolled("c1");
        vet.buy("c1", DAY, "food", "10.00");
        vet.buy("c1", DAY, "food", "20.00");
        return vet;
    }

    @Test
    @Tag("CC-1")
    @Tag("CC-9")
    void card_fullOrNotByTheVersionInForceOnTheBusinessDateAsked_notTheClocksDay(@TempDir Path dir) throws IOException {
        MutableClock clock = new MutableClock(Instant.parse("2026-06-15T09:00:00Z"));
        InMemoryStore store = new InMemoryStore();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).clock(clock)
                .rules(RuleSource.folder(twoVersions(dir))).build();
        CardFixtures vet = twoPurchasesOfC1(engine, store);
        CustomerCards cards = vet.cards;
        LocalDate inTheSecond = LocalDate.of(2027, 2, 1);

        // The clock says June 2026 (v1): asked about February 2027, v2 answers.
        CardStatus byV2 = cards.card(vet.practice, "c1", inTheSecond);
        assertFalse(byV2.full());
        assertEquals(List.of(), byV2.thresholdsMet());
        assertAmount("3.00", byV2.amount());
        assertEquals(2, byV2.purchases());
        assertTrue(cards.fullCards(vet.practice, inTheSecond).isEmpty());
        assertEquals("customer,amount,currency,units,purchases,visits,thresholds\r\n",
                cards.fullCardsCsv(vet.practice, inTheSecond));
        CardStatus byV1 = cards.card(vet.practice, "c1", DAY);
        assertTrue(byV1.full());
        assertEquals(List.of("minPurchases"), byV1.thresholdsMet());

        // The clock moves on to 2027 (v2): a day of 2026 closed late is still answered by v1.
        clock.advance(Duration.ofDays(365));
        assertTrue(cards.card(vet.practice, "c1", LocalDate.of(2026, 12, 31)).full());
        assertEquals(List.of("c1"), cards.fullCards(vet.practice, LocalDate.of(2026, 12, 31)).stream()
                .map(CardStatus::customerId).toList());
        assertEquals("customer,amount,currency,units,purchases,visits,thresholds\r\n"
                + "c1,3.00,EUR,2,2,1,minPurchases\r\n", cards.fullCardsCsv(vet.practice, LocalDate.of(2026, 12, 31)));
        // The reads that take no date answer for the clock's day, as documented.
        assertFalse(cards.card(vet.practice, "c1").full());
        assertTrue(cards.fullCards(vet.practice).isEmpty());
    }

    @Test
    @Tag("CC-1")
    @Tag("X-10")
    void card_aBusinessDateNoStoreKeepsIsATypedError() {
        InMemoryStore store = new InMemoryStore();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store)
                .clock(new MutableClock(Instant.parse("2026-06-15T09:00:00Z"))).build();
        CardFixtures vet = twoPurchasesOfC1(engine, store);
        for (LocalDate day : new LocalDate[] {null, LocalDate.of(1899, 12, 31), LocalDate.of(2200, 1, 1)}) {
            org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class,
                    () -> vet.cards.card(vet.practice, "c1", day), String.valueOf(day));
            org.junit.jupiter.api.Assertions.assertThrows(InvalidValueException.class,
                    () -> vet.cards.fullCards(vet.practice, day), String.valueOf(day));
        }
    }

    /**
     * A store that, once armed, lets another clerk's command run just before the next transaction
     * begins: a read made of two transactions then sees that command in its second one only.
     */
    private static final class BetweenTransactions implements LoyaltyStore {
        private final LoyaltyStore store = new InMemoryStore();
        private final AtomicReference<Runnable> theirs = new AtomicReference<>();
        private boolean inFirst;

        /** {@code command} runs before the second transaction opened from now on, if there is one. */
        void beforeTheSecond(Runnable command) {
            inFirst = false;
            theirs.set(command);
        }

        @Override
        public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
            if (theirs.get() != null) {
                if (!inFirst) {
                    inFirst = true;
                } else {
                    theirs.getAndSet(null).run();
                }
            }
            return store.inTransaction(tenant, work);
        }
    }

    @Test
    @Tag("CC-6")
    void previewSettlement_showsTheOpenLinesItsAmountWasDecidedOn_evenWhenASaleIsLockedMeanwhile() {
        BetweenTransactions store = new BetweenTransactions();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store)
                .clock(new MutableClock(Instant.parse("2026-06-15T09:00:00Z"))).build();
        CardFixtures vet = twoPurchasesOfC1(engine, store);
        Settle settle = new Settle(sale("S9", "c1", DAY, line("1", "food", "1", "15.00")));

        store.beforeTheSecond(() -> applied(vet.lock(sale("S8", "c1", DAY, line("1", "food", "1", "50.00")))));
        SettlementPreview preview = vet.cards.previewSettlement(vet.next(), settle);

        // 1.00 + 2.00 on the card and the document's own 1.50: the lines add up to the amount.
        assertAmount("4.50", preview.amount());
        assertEquals(List.of("D1", "D2"), preview.openLines().stream().map(CardLine::document).toList());
        BigDecimal lines = preview.openLines().stream().map(CardLine::value).reduce(BigDecimal.ZERO, BigDecimal::add)
                .add(preview.ownLines().stream().map(CardLine::value).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertAmount(preview.amount().toPlainString(), lines);
    }
}

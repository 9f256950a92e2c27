package org.loyaltyengine.testing.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.card.CardFixtures.DAY;
import static org.loyaltyengine.testing.card.CardFixtures.MANAGER;
import static org.loyaltyengine.testing.card.CardFixtures.applied;
import static org.loyaltyengine.testing.card.CardFixtures.assertAmount;
import static org.loyaltyengine.testing.card.CardFixtures.dec;
import static org.loyaltyengine.testing.card.CardFixtures.eur;
import static org.loyaltyengine.testing.card.CardFixtures.line;
import static org.loyaltyengine.testing.card.CardFixtures.rejected;
import static org.loyaltyengine.testing.card.CardFixtures.sale;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.card.CardEntry;
import org.loyaltyengine.card.CardLine;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.card.CardRequests.AddValue;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.CreditNote;
import org.loyaltyengine.card.CardRequests.Enrol;
import org.loyaltyengine.card.CardRequests.RemoveLine;
import org.loyaltyengine.card.CardRequests.ReturnLine;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.card.CardStatus;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.card.SettlementPreview;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.rules.facts.CardFigures;
import org.loyaltyengine.rules.facts.CardSettlementResult;
import org.loyaltyengine.rules.facts.CardStatusResult;
import org.loyaltyengine.rules.facts.CustomerSaved;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.Interleaving;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.Spreadsheet;

/**
 * The customer card (seed 000) proven through the public API. Abstract so that every store runs it:
 * {@link CustomerCardInMemoryTest} here, the JPA adapter's tests on its databases.
 */
public abstract class CustomerCardContract {
    private static final LocalDate MARCH = LocalDate.of(2026, 3, 10);
    private static final LocalDate MAY = LocalDate.of(2026, 5, 12);

    /**
     * One engine per store under test: the rules compile once per store, and each test uses a fresh
     * tenant. Keyed by the store, not the test class, so one suite class nested in a contract that
     * runs on several databases gets each database's own engine.
     */
    private static final Map<LoyaltyStore, LoyaltyEngine> ENGINES = new java.util.concurrent.ConcurrentHashMap<>();

    private CardFixtures vet;
    private CustomerCards cards;

    /**
     * The store under test, asked before each test. Return one shared store (each test uses a fresh
     * tenant): a new store per call builds, and compiles the rules for, a new engine per test.
     */
    protected abstract LoyaltyStore newStore();

    /** One {@link Interleaving} per store under test, for the races made to happen; its engine is in {@link #ENGINES}. */
    private static final Map<LoyaltyStore, Interleaving> INTERLEAVED = new java.util.concurrent.ConcurrentHashMap<>();

    /** A practice on the engine of the store under test. */
    private static CardFixtures practiceOn(LoyaltyStore store) {
        return new CardFixtures(ENGINES.computeIfAbsent(store, CustomerCardContract::engineOn), store);
    }

    private static LoyaltyEngine engineOn(LoyaltyStore store) {
        return LoyaltyEngine.builder().store(store).clock(new MutableClock(Instant.parse("2026-06-15T09:00:00Z")))
                .build();
    }

    /** A practice whose engine lets another command run at a chosen point of a command ({@link #interleaving}). */
    private CardFixtures interleavedPractice() {
        return practiceOn(INTERLEAVED.computeIfAbsent(newStore(), Interleaving::new));
    }

    private static Interleaving interleaving(CardFixtures practice) {
        return (Interleaving) practice.store;
    }

    /** Runs mine, and theirs meanwhile, right after mine first lists rows; both must apply. */
    private static void bothApplied(CardFixtures race, java.util.concurrent.Callable<Outcome> mine,
                                    java.util.concurrent.Callable<Outcome> theirs) throws Exception {
        java.util.concurrent.Future<Outcome> meanwhile = interleaving(race).once(Interleaving.Point.AFTER_LIST, theirs);
        applied(mine.call());
        applied(meanwhile.get(30, java.util.concurrent.TimeUnit.SECONDS));
    }

    /** An {@link #interleavedPractice} at 10% where customer c1, not enrolled, has locked a sale worth 1.00. */
    private CardFixtures practiceWithASaleOfC1NotEnrolled() {
        CardFixtures practice = interleavedPractice();
        practice.configure(Configure.percent("10"));
        practice.eligible("food");
        practice.customer("c1");
        applied(practice.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"))));
        return practice;
    }

    @BeforeEach
    void setUpPractice() {
        vet = practiceOn(newStore());
        cards = vet.cards;
    }

    private static Configure tenPercent(String minUnits, Integer minPurchases, Integer minVisits, String minAmount) {
        return new Configure(BigDecimal.TEN, minUnits == null ? null : dec(minUnits), minPurchases, minVisits,
                minAmount == null ? null : dec(minAmount), false, null);
    }

    private LocalDate day(int n) {
        return DAY.plusDays(n);
    }

    // ------------------------------------------------------------------ the seed's worked example

    @Test
    @Tag("CC-6")
    @Tag("CC-8")
    void settle_seedExample_sixthBagCostsHalfPriceMinusItsOwnTenPercent() {
        vet.configure(tenPercent(null, 5, null, null));
        vet.eligible("food");
        vet.enrolled("c1");
        for (int i = 0; i < 5; i++) {
            vet.buy("c1", day(i), "food", "10.00");
        }
        CardStatus full = vet.card("c1");
        assertTrue(full.full());
        assertEquals(List.of("minPurchases"), full.thresholdsMet());
        assertAmount("5.00", full.amount());

        BigDecimal deducted = vet.settleOn("c1", day(6), "food", "10.00");

        // 10.00 - 5.00 (the five bags' 10%, half the price) - 1.00 (the sixth bag's own 10%) = 4.00
        assertAmount("6.00", deducted);
        assertAmount("4.00", new BigDecimal("10.00").subtract(deducted));
        CardStatus fresh = vet.card("c1");
        assertAmount("0", fresh.amount());
        assertEquals(0, fresh.purchases());
        assertFalse(fresh.full());
    }

    @Test
    @Tag("CC-8")
    void settle_seedExample_aaabbbCostsTheSameAsBababa() {
        assertAmount("81.00", payForSixBags("A", "A", "A", "B", "B", "B"));
        assertAmount("81.00", payForSixBags("B", "A", "B", "A", "B", "A"));
    }

    /** Five bags accrue, the sixth settles the card: what the customer pays for all six. */
    private BigDecimal payForSixBags(String... order) {
        vet = practiceOn(newStore());
        vet.configure(tenPercent(null, 5, null, null));
        vet.eligible("A");
        vet.eligible("B");
        vet.enrolled("c1");
        Map<String, String> price = Map.of("A", "10.00", "B", "20.00");
        BigDecimal paid = BigDecimal.ZERO;
        for (int i = 0; i < 5; i++) {
            vet.buy("c1", day(i), order[i], price.get(order[i]));
            paid = paid.add(new BigDecimal(price.get(order[i])));
        }
        assertTrue(vet.card("c1").full());
        BigDecimal sixth = new BigDecimal(price.get(order[5]));
        return paid.add(sixth).subtract(vet.settleOn("c1", day(5), order[5], price.get(order[5])));
    }

    // ------------------------------------------------------------------ CC-1 thresholds

    // ------------------------------------------------------------------ CC-11 stopping

    @Test
    @Tag("CC-11")
    void withdraw_theOpenCardStaysAsItIs_laterSalesAreOnlyRecorded_joiningAgainTakesItUp() {
        vet.configure(tenPercent(null, 1, null, null));
        vet.eligible("food");
        vet.enrolled("c1");
        vet.enrolled("c2");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "100.00"))));
        applied(vet.lock(sale("S2", "c1", DAY, line("1", "food", "1", "30.00"))));
        int entries = cards.history(vet.practice, "c1").size();
        CommandContext stop = vet.next();
        Outcome o = applied(cards.withdraw(stop, new CardRequests.Withdraw("c1")));
        assertTrue(o.entries().isEmpty());
        assertEquals("CARD_KEPT", o.notices().get(0).code());
        // A replay under the same key changes nothing more.
        assertEquals(o.entries(), cards.withdraw(stop, new CardRequests.Withdraw("c1")).entries());
        assertEquals(entries, cards.history(vet.practice, "c1").size());
        assertFalse(cards.isEnrolled(vet.practice, "c1"));
        CardStatus kept = vet.card("c1");
        assertFalse(kept.enrolled());
        assertAmount("13.00", kept.amount());
        assertEquals(List.of("c2"), cards.overview(vet.practice, DAY).stream().map(CardStatus::customerId).toList());
        assertTrue(cards.fullCards(vet.practice, DAY).isEmpty());
        // Meanwhile: sales are recorded only, the card cannot be settled or added to, an unlock still takes
        // its line off.
        Outcome later = applied(vet.lock(sale("S3", "c1", DAY, line("1", "food", "1", "50.00"))));
        assertTrue(later.entries().isEmpty());
        assertEquals("CUSTOMER_NOT_ENROLLED", later.notices().get(0).code());
        rejected(cards.settle(vet.next(), new Settle(sale("S9", "c1", DAY))), "CUSTOMER_NOT_ENROLLED");
        rejected(cards.addValue(vet.next(MANAGER), new AddValue("c1", "paper", eur("1.00"), "x")),
                "CUSTOMER_NOT_ENROLLED");
        Outcome unlocked = applied(vet.unlock("S2"));
        assertAmount("-3.00", unlocked.entries().get(0).amount());
        assertAmount("10.00", vet.card("c1").amount());
        rejected(cards.withdraw(vet.next(), new CardRequests.Withdraw("c1")), "CUSTOMER_NOT_ENROLLED");
        // Bulk enrolment leaves a customer who stopped out; joining again one by one takes up the open
        // card and counts what was recorded meanwhile.
        vet.customer("c3");
        applied(cards.enrolAll(vet.next(CardFixtures.MANAGER)));
        assertFalse(cards.isEnrolled(vet.practice, "c1"));
        assertTrue(cards.isEnrolled(vet.practice, "c3"));
        Outcome back = applied(cards.enrol(vet.next(), new Enrol("c1")));
        assertEquals(1, back.entries().size());
        assertAmount("5.00", back.entries().get(0).amount());
        CardStatus again = vet.card("c1");
        assertTrue(again.enrolled());
        assertAmount("15.00", again.amount());
        assertEquals(List.of("c1", "c2", "c3"), cards.overview(vet.practice, DAY).stream().map(CardStatus::customerId)
                .toList());
        // And stopping again works as the first time.
        applied(cards.withdraw(vet.next(), new CardRequests.Withdraw("c1")));
        assertFalse(cards.isEnrolled(vet.practice, "c1"));
    }

    @Test
    @Tag("CC-11")
    @Tag("X-10")
    void withdraw_aCustomerWhoNeverTookPartOrDoesNotExistIsRefusedAndNothingChanges() {
        vet.foodAtTenPercentFor("c1");
        vet.customer("c2");
        rejected(cards.withdraw(vet.next(), new CardRequests.Withdraw("c2")), "CUSTOMER_NOT_ENROLLED");
        assertFalse(cards.isEnrolled(vet.practice, "c2"));
        applied(cards.enrol(vet.next(), new Enrol("c2")));
        assertThrows(NoSuchEntityException.class, () -> cards.withdraw(vet.next(), new CardRequests.Withdraw("nobody")));
        assertThrows(InvalidValueException.class, () -> new CardRequests.Withdraw(" "));
    }

    // ------------------------------------------------------------------ CC-10 the default percentage's history

    private void configureOn(LocalDate businessDate, String percent) {
        applied(cards.configure(CommandContext.of(vet.practice, CardFixtures.CLERK, "configure-" + businessDate + "-" + percent,
                businessDate), Configure.percent(percent)));
    }

    @Test
    @Tag("CC-10")
    void configure_aChangeOfTheDefaultDoesNotReachBackToSalesMadeUnderTheOldOne() {
        configureOn(MARCH, "10");
        vet.eligible("food");
        vet.customer("c1");
        applied(vet.lock(sale("S1", "c1", MAY, line("1", "food", "1", "100.00"))));
        configureOn(LocalDate.of(2026, 6, 1), "20");
        // Enrolment looks back: the May sale was made under 10%.
        applied(cards.enrol(vet.next(), new Enrol("c1")));
        assertAmount("10.00", vet.card("c1").amount());
        applied(vet.lock(sale("S2", "c1", DAY, line("1", "food", "1", "100.00"))));
        assertAmount("30.00", vet.card("c1").amount());
        // Lock, unlock, lock again of the May sale: still the default of its own date.
        applied(vet.unlock("S1"));
        applied(vet.lock(sale("S1", "c1", MAY, line("1", "food", "1", "100.00"))));
        assertAmount("30.00", vet.card("c1").amount());
        // A sale dated before the first default the practice set earns that first one.
        applied(vet.lock(sale("S0", "c1", LocalDate.of(2026, 2, 1), line("1", "food", "1", "100.00"))));
        assertAmount("40.00", vet.card("c1").amount());
    }

    @Test
    @Tag("CC-10")
    void configure_theSameDayAgainReplacesThatDaysDefault_aProductsOwnPercentStillWins() {
        configureOn(MARCH, "10");
        configureOn(MARCH, "15");
        vet.eligible("food");
        vet.product("toy", LocalDate.of(2020, 1, 1), true, "5");
        vet.enrolled("c1");
        applied(vet.lock(sale("S1", "c1", MAY, line("1", "food", "1", "100.00"), line("2", "toy", "1", "100.00"))));
        assertAmount("20.00", vet.card("c1").amount());
    }

    // ------------------------------------------------------------------ CC-14 the lock that fills the card

    @Test
    @Tag("CC-14")
    void lock_theFifthBagFillsTheCardAndTheLockSaysSo() {
        vet.configure(tenPercent(null, 5, null, null));
        vet.eligible("food");
        vet.enrolled("c1");
        for (int i = 0; i < 4; i++) {
            Outcome o = vet.buy("c1", day(i), "food", "10.00");
            assertTrue(o.notices().isEmpty(), () -> "no notice before the card is full: " + o.notices());
            CardStatusResult status = o.result(CardStatusResult.class).orElseThrow();
            assertFalse(status.full());
            assertEquals(i + 1, o.result(CardFigures.class).orElseThrow().purchases());
        }
        Outcome fifth = vet.buy("c1", day(4), "food", "10.00");
        assertEquals(List.of("CARD_FULL"), fifth.notices().stream().map(n -> n.code()).toList());
        assertEquals("customer card full", fifth.notices().get(0).message());
        CardStatusResult status = fifth.result(CardStatusResult.class).orElseThrow();
        assertEquals("c1", status.customer());
        assertTrue(status.full());
        assertEquals(List.of("minPurchases"), status.thresholdsMet());
        assertEquals(5, fifth.result(CardFigures.class).orElseThrow().purchases());
        // What the lock said is what the card says once it is booked.
        assertTrue(vet.card("c1").full());
    }

    @Test
    @Tag("CC-14")
    void lock_countsItsOwnLinesAsLocked_amountUnitsAndARelockAfterAnUnlock() {
        vet.configure(tenPercent("3", null, null, "2.50"));
        vet.eligible("food");
        vet.product("vaccine", LocalDate.of(2020, 1, 1), false, null);
        vet.enrolled("c1");
        Outcome first = applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "2", "20.00"),
                line("2", "vaccine", "5", "100.00"))));
        assertTrue(first.notices().isEmpty());
        assertEquals(new BigDecimal("2"), first.result(CardFigures.class).orElseThrow().units().stripTrailingZeros());
        Outcome second = applied(vet.lock(sale("S2", "c1", DAY, line("1", "food", "1", "5.00"))));
        CardStatusResult full = second.result(CardStatusResult.class).orElseThrow();
        // 2.00 + 0.50 reaches the amount, 2 + 1 units reach the units; the vaccine counts for neither.
        assertEquals(List.of("minAmount", "minUnits"), full.thresholdsMet());
        assertEquals("CARD_FULL", second.notices().get(0).code());
        applied(vet.unlock("S2"));
        Outcome relocked = applied(vet.lock(sale("S2", "c1", DAY, line("1", "food", "1", "5.00"))));
        assertEquals(List.of("minAmount", "minUnits"),
                relocked.result(CardStatusResult.class).orElseThrow().thresholdsMet());
        assertAmount("2.50", vet.card("c1").amount());
    }

    @Test
    @Tag("CC-14")
    void lock_ofACustomerWhoDoesNotTakePart_countsNoCard() {
        vet.configure(tenPercent(null, 1, null, null));
        vet.eligible("food");
        vet.customer("c9");
        Outcome o = applied(vet.lock(sale("S1", "c9", DAY, line("1", "food", "1", "10.00"))));
        assertEquals(List.of("CUSTOMER_NOT_ENROLLED"), o.notices().stream().map(n -> n.code()).toList());
        assertTrue(o.result(CardStatusResult.class).isEmpty());
    }

    @Test
    @Tag("CC-1")
    void card_minUnitsAlone_fullWhenTheQuantitiesReachIt() {
        vet.configure(tenPercent("5", null, null, null));
        vet.eligible("food");
        vet.enrolled("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "3", "30.00"))));
        assertFalse(vet.card("c1").full());
        applied(vet.lock(sale("S2", "c1", DAY, line("1", "food", "2", "20.00"))));
        CardStatus card = vet.card("c1");
        assertAmount("5", card.units());
        assertEquals(List.of("minUnits"), card.thresholdsMet());
        assertTrue(card.full());
        assertEquals("customer card full", card.notice());
    }

    @Test
    @Tag("CC-1")
    void card_minPurchasesAlone_countsEligibleLinesOnly() {
        vet.configure(tenPercent(null, 2, null, null));
        vet.eligible("food");
        vet.product("vaccine", LocalDate.of(2020, 1, 1), false, null);
        vet.enrolled("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"), line("2", "vaccine", "1", "40.00"))));
        CardStatus one = vet.card("c1");
        assertEquals(1, one.purchases());
        assertFalse(one.full());
        vet.buy("c1", DAY, "food", "10.00");
        assertEquals(List.of("minPurchases"), vet.card("c1").thresholdsMet());
    }

    @Test
    @Tag("CC-1")
    void card_minVisitsAlone_countsDaysNotDocuments() {
        vet.configure(tenPercent(null, null, 2, null));
        vet.eligible("food");
        vet.enrolled("c1");
        vet.buy("c1", DAY, "food", "10.00");
        vet.buy("c1", DAY, "food", "10.00");
        vet.buy("c1", DAY, "food", "10.00");
        CardStatus sameDay = vet.card("c1");
        assertEquals(3, sameDay.purchases());
        assertEquals(1, sameDay.visits());
        assertFalse(sameDay.full());
        vet.buy("c1", day(1), "food", "10.00");
        CardStatus twoDays = vet.card("c1");
        assertEquals(2, twoDays.visits());
        assertEquals(List.of("minVisits"), twoDays.thresholdsMet());
        assertTrue(twoDays.full());
    }

    @Test
    @Tag("CC-1")
    void card_minAmountAlone_fullAtTheAmount() {
        vet.configure(tenPercent(null, null, null, "3.00"));
        vet.eligible("food");
        vet.enrolled("c1");
        vet.buy("c1", DAY, "food", "29.90");
        assertFalse(vet.card("c1").full());
        vet.buy("c1", DAY, "food", "0.10");
        assertAmount("3.00", vet.card("c1").amount());
        assertEquals(List.of("minAmount"), vet.card("c1").thresholdsMet());
    }

    @Test
    @Tag("CC-1")
    void card_severalThresholds_anyOneSuffices() {
        vet.configure(tenPercent("100", 10, 3, "50.00"));
        vet.eligible("food");
        vet.enrolled("c1");
        vet.buy("c1", day(0), "food", "10.00");
        vet.buy("c1", day(1), "food", "10.00");
        assertFalse(vet.card("c1").full());
        vet.buy("c1", day(2), "food", "10.00");
        CardStatus card = vet.card("c1");
        assertEquals(List.of("minVisits"), card.thresholdsMet());
        assertTrue(card.full());
    }

    @Test
    @Tag("CC-1")
    void card_noThresholdSet_neverFull() {
        vet.foodAtTenPercentFor("c1");
        for (int i = 0; i < 20; i++) {
            vet.buy("c1", day(i), "food", "100.00");
        }
        CardStatus card = vet.card("c1");
        assertAmount("200.00", card.amount());
        assertFalse(card.full());
        assertTrue(card.thresholdsMet().isEmpty());
        assertNull(card.notice());
    }

    @Test
    @Tag("CC-1")
    @Tag("X-10")
    void configure_badThresholdsAreTypedErrors() {
        assertThrows(InvalidValueException.class, () -> new Configure(dec("101"), null, null, null, null, false, null));
        assertThrows(InvalidValueException.class, () -> new Configure(BigDecimal.TEN, null, 0, null, null, false, null));
        assertThrows(InvalidValueException.class, () -> new Configure(BigDecimal.TEN, dec("-1"), null, null, null, false,
                null));
    }

    // ------------------------------------------------------------------ CC-2 products

    @Test
    @Tag("CC-2")
    void lock_productsOwnPercentageOverridesTheDefault() {
        vet.configure(Configure.percent("10"));
        vet.product("premium", LocalDate.of(2020, 1, 1), true, "15");
        vet.eligible("food");
        vet.enrolled("c1");
        Outcome o = applied(vet.lock(sale("S1", "c1", DAY, line("1", "premium", "1", "20.00"),
                line("2", "food", "2", "20.00"))));
        assertEquals(2, o.entries().size());
        Map<String, BigDecimal> byLine = o.entries().stream().collect(java.util.stream.Collectors.toMap(
                e -> e.line(), e -> e.amount()));
        assertAmount("3.00", byLine.get("1"));
        assertAmount("2.00", byLine.get("2"));
        assertAmount("5.00", vet.card("c1").amount());
    }

    @Test
    @Tag("CC-2")
    void lock_countsWithTheEligibilityAndPercentageInForceOnTheSaleDate() {
        vet.configure(Configure.percent("10"));
        vet.product("food", LocalDate.of(2026, 1, 1), true, null);
        vet.product("food", LocalDate.of(2026, 4, 1), true, "20");
        vet.product("food", LocalDate.of(2026, 5, 1), false, null);
        vet.enrolled("c1");
        applied(vet.lock(sale("S1", "c1", MARCH, line("1", "food", "1", "10.00"))));
        applied(vet.lock(sale("S2", "c1", LocalDate.of(2026, 4, 20), line("1", "food", "1", "10.00"))));
        applied(vet.lock(sale("S3", "c1", MAY, line("1", "food", "1", "10.00"))));
        applied(vet.lock(sale("S4", "c1", LocalDate.of(2025, 12, 31), line("1", "food", "1", "10.00"))));
        CardStatus card = vet.card("c1");
        assertAmount("3.00", card.amount()); // 10% in March + 20% in April; nothing in May, nothing before 2026
        assertEquals(2, card.purchases());
    }

    // ------------------------------------------------------------------ CC-3 taking part

    @Test
    @Tag("CC-3")
    void enrolAll_enrolsEveryExistingCustomer() {
        vet.configure(Configure.percent("10"));
        vet.enrolled("c1");
        vet.customer("c2");
        vet.customer("c3");
        applied(cards.enrolAll(vet.next()));
        assertTrue(cards.isEnrolled(vet.practice, "c1"));
        assertTrue(cards.isEnrolled(vet.practice, "c2"));
        assertTrue(cards.isEnrolled(vet.practice, "c3"));
        rejected(cards.enrol(vet.next(), new Enrol("c2")), "ALREADY_ENROLLED");
    }

    @Test
    @Tag("CC-3")
    void newCustomer_isEnrolledAutomaticallyOnlyWhenThePracticeSaysSo() {
        // Customers created by the customers program pick up the card's defaults (its new-customer hook).
        vet.configure(Configure.percent("10"));
        String manual = applied(vet.engine.customers().create(vet.next(), CustomerProfile.named("Manual")))
                .result(CustomerSaved.class).orElseThrow().customerId();
        assertFalse(cards.isEnrolled(vet.practice, manual));
        vet.configure(new Configure(BigDecimal.TEN, null, null, null, null, true, null));
        String automatic = applied(vet.engine.customers().create(vet.next(), CustomerProfile.named("Automatic")))
                .result(CustomerSaved.class).orElseThrow().customerId();
        assertTrue(cards.isEnrolled(vet.practice, automatic));
        assertFalse(cards.isEnrolled(vet.practice, manual));
    }

    @Test
    @Tag("CC-3")
    void autoEnrol_enrolsACustomerTheEngineDidNotCreateOnlyWhenThePracticeAutoEnrols() {
        // Customers a host's own customer master wrote to the store, as a migration does.
        vet.customer("c1");
        vet.customer("c2");
        vet.configure(Configure.percent("10"));
        Outcome left = applied(cards.autoEnrol(vet.next(), new CardRequests.AutoEnrol("c1")));
        assertTrue(left.result(org.loyaltyengine.rules.facts.CardAutoEnrolled.class).isEmpty());
        assertFalse(cards.isEnrolled(vet.practice, "c1"));

        vet.configure(new Configure(BigDecimal.TEN, null, null, null, null, true, null));
        Outcome enrolled = applied(cards.autoEnrol(vet.next(), new CardRequests.AutoEnrol("c1")));
        assertEquals("c1", enrolled.result(org.loyaltyengine.rules.facts.CardAutoEnrolled.class).orElseThrow().customer());
        assertTrue(cards.isEnrolled(vet.practice, "c1"));
        assertFalse(cards.isEnrolled(vet.practice, "c2"));
        // Once enrolled, a second auto-enrolment leaves the customer as they are, and enrol refuses.
        assertTrue(applied(cards.autoEnrol(vet.next(), new CardRequests.AutoEnrol("c1"))).result(
                org.loyaltyengine.rules.facts.CardAutoEnrolled.class).isEmpty());
        rejected(cards.enrol(vet.next(), new Enrol("c1")), "ALREADY_ENROLLED");
        assertThrows(NoSuchEntityException.class, () -> cards.autoEnrol(vet.next(), new CardRequests.AutoEnrol("c404")));
        assertThrows(InvalidValueException.class, () -> new CardRequests.AutoEnrol(" "));
    }

    // ------------------------------------------------------------------ CC-4 retroactive enrolment

    @Test
    @Tag("CC-4")
    void enrol_eligibleInMarchNotInMay_enrolmentInJuneCountsTheMarchSaleOnly() {
        vet.configure(Configure.percent("10"));
        vet.product("food", LocalDate.of(2026, 1, 1), true, null);
        vet.product("food", LocalDate.of(2026, 5, 1), false, null);
        vet.customer("c1");
        Outcome march = applied(vet.lock(sale("S1", "c1", MARCH, line("1", "food", "1", "30.00"))));
        assertTrue(march.entries().isEmpty());
        assertEquals("CUSTOMER_NOT_ENROLLED", march.notices().get(0).code());
        applied(vet.lock(sale("S2", "c1", MAY, line("1", "food", "1", "50.00"))));
        assertAmount("0", vet.card("c1").amount());

        Outcome june = applied(cards.enrol(vet.next(), new Enrol("c1")));

        assertEquals(1, june.entries().size());
        assertEquals("S1", june.entries().get(0).document());
        assertAmount("3.00", vet.card("c1").amount());
        assertEquals(1, vet.card("c1").purchases());
    }

    @Test
    @Tag("CC-4")
    void enrol_unlockedDocumentsDoNotCount() {
        vet.configure(Configure.percent("10"));
        vet.eligible("food");
        vet.customer("c1");
        applied(vet.lock(sale("S1", "c1", MARCH, line("1", "food", "1", "30.00"))));
        applied(vet.lock(sale("S2", "c1", MARCH, line("1", "food", "1", "10.00"))));
        applied(vet.unlock("S2"));
        applied(cards.enrol(vet.next(), new Enrol("c1")));
        assertAmount("3.00", vet.card("c1").amount());
        applied(vet.lock(sale("S2", "c1", MARCH, line("1", "food", "1", "10.00"))));
        assertAmount("4.00", vet.card("c1").amount());
    }

    // ------------------------------------------------------------------ CC-5 lock and unlock

    @Test
    @Tag("CC-5")
    void unlock_takesTheLinesOffByReversalEntries() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"), line("2", "food", "1", "20.00"))));
        Outcome unlocked = applied(vet.unlock("S1"));
        assertEquals(List.of(EntryKind.REVERSE, EntryKind.REVERSE), unlocked.entries().stream()
                .map(e -> e.kind()).toList());
        assertAmount("0", vet.card("c1").amount());
        assertTrue(vet.card("c1").lines().isEmpty());
        List<CardEntry> history = cards.history(vet.practice, "c1");
        assertEquals(4, history.size());
        assertEquals("an unlocked line leaves the open card", history.get(3).rule());
    }

    @Test
    @Tag("CC-5")
    void lockUnlockLock_givesTheSameCardAsOneLock() {
        vet.foodAtTenPercentFor("c1");
        Sale s1 = sale("S1", "c1", DAY, line("1", "food", "2", "25.00"));
        applied(vet.lock(s1));
        CardStatus once = vet.card("c1");
        applied(vet.unlock("S1"));
        applied(vet.lock(s1));
        applied(vet.unlock("S1"));
        applied(vet.lock(s1));
        CardStatus thrice = vet.card("c1");
        assertAmount(once.amount().toPlainString(), thrice.amount());
        assertAmount("2.50", thrice.amount());
        assertEquals(once.lines(), thrice.lines());
        assertEquals(once.units(), thrice.units());
    }

    @Test
    @Tag("CC-5")
    @Tag("X-10")
    void lock_aDocumentLockedTwiceIsRejectedAndChangesNothing() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"))));
        rejected(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"))), "DOCUMENT_ALREADY_LOCKED");
        assertAmount("1.00", vet.card("c1").amount());
        assertEquals(1, cards.history(vet.practice, "c1").size());
        applied(vet.unlock("S1"));
        rejected(vet.unlock("S1"), "DOCUMENT_NOT_LOCKED");
    }

    @Test
    @Tag("CC-5")
    void lock_notEligibleLinesStayOffTheCard() {
        vet.configure(Configure.percent("10"));
        vet.product("consult", LocalDate.of(2020, 1, 1), false, "50");
        vet.enrolled("c1");
        Outcome o = applied(vet.lock(sale("S1", "c1", DAY, line("1", "consult", "1", "45.00"))));
        assertTrue(o.entries().isEmpty());
        assertAmount("0", vet.card("c1").amount());
    }

    // ------------------------------------------------------------------ CC-6 settlement

    @Test
    @Tag("CC-6")
    @Tag("X-6")
    void previewSettlement_listsTheLinesAndGivesTheAmountTheCommitBooks() {
        vet.configure(tenPercent(null, 2, null, null));
        vet.eligible("food");
        vet.enrolled("c1");
        vet.buy("c1", day(0), "food", "10.00");
        vet.buy("c1", day(1), "food", "20.00");
        Settle settle = new Settle(sale("S9", "c1", day(2), line("1", "food", "1", "15.00")));
        CommandContext ctx = vet.next();

        SettlementPreview preview = cards.previewSettlement(ctx, settle);

        assertEquals(2, preview.openLines().size());
        assertEquals(1, preview.ownLines().size());
        assertAmount("1.50", preview.ownLines().get(0).value());
        assertAmount("4.50", preview.amount());
        assertAmount("3.00", vet.card("c1").amount()); // the preview wrote nothing
        Outcome commit = applied(cards.settle(ctx, settle));
        CardSettlementResult settled = commit.result(CardSettlementResult.class).orElseThrow();
        assertAmount(preview.amount().toPlainString(), settled.settlement());
        assertAmount("-4.50", settled.freeBooking());
        assertEquals(EntryKind.SETTLE, commit.entries().get(commit.entries().size() - 1).kind());
        assertEquals("S9", commit.entries().get(commit.entries().size() - 1).document());
    }

    @Test
    @Tag("CC-6")
    void settle_startsANewCardAndKeepsTheSettledLinesInHistory() {
        vet.configure(tenPercent(null, 2, null, null));
        vet.eligible("food");
        vet.enrolled("c1");
        vet.buy("c1", day(0), "food", "10.00");
        vet.buy("c1", day(1), "food", "20.00");
        vet.settleOn("c1", day(2), "food", "10.00");
        vet.buy("c1", day(3), "food", "50.00");
        CardStatus card = vet.card("c1");
        assertAmount("5.00", card.amount());
        assertEquals(1, card.lines().size());
        List<CardEntry> history = cards.history(vet.practice, "c1");
        assertEquals(List.of(EntryKind.EARN, EntryKind.EARN, EntryKind.EARN, EntryKind.SETTLE, EntryKind.EARN),
                history.stream().map(CardEntry::kind).toList());
        // The settling document was locked after settling: its line is not put on the new card again.
        assertEquals(0, history.stream().filter(e -> e.kind() == EntryKind.EARN && "D3".equals(e.document())
                && e.sequence() > history.get(3).sequence()).count());
    }

    @Test
    @Tag("CC-6")
    @Tag("X-10")
    void settle_anEmptyCardIsRejectedAndWritesNothing() {
        vet.configure(Configure.percent("10"));
        vet.product("consult", LocalDate.of(2020, 1, 1), false, null);
        vet.enrolled("c1");
        Outcome o = cards.settle(vet.next(), new Settle(sale("S1", "c1", DAY, line("1", "consult", "1", "45.00"))));
        rejected(o, "CARD_EMPTY");
        assertTrue(cards.history(vet.practice, "c1").isEmpty());
        assertNull(cards.previewSettlement(vet.next(), new Settle(sale("S1", "c1", DAY))).amount());
    }

    @Test
    @Tag("CC-6")
    void settle_aCardThatIsNotFullCanBeSettledWithANotice() {
        vet.configure(tenPercent(null, 5, null, null));
        vet.eligible("food");
        vet.enrolled("c1");
        vet.buy("c1", DAY, "food", "10.00");
        Outcome o = applied(cards.settle(vet.next(), new Settle(sale("S9", "c1", DAY))));
        assertEquals("CARD_NOT_FULL", o.notices().get(0).code());
        assertEquals(new BigDecimal("1.00"), o.result(CardSettlementResult.class).orElseThrow().settlement());
    }

    // ------------------------------------------------------------------ CC-7 manual lines

    @Test
    @Tag("CC-7")
    void addValue_putsAPaperCardsStartingValueOnWithNoteAndUser() {
        vet.foodAtTenPercentFor("c1");
        applied(cards.addValue(vet.next(MANAGER), new AddValue("c1", "paper", eur("7.50"), "paper card 7 stamps")));
        vet.buy("c1", DAY, "food", "10.00");
        CardStatus card = vet.card("c1");
        assertAmount("8.50", card.amount());
        assertEquals(1, card.purchases());
        CardLine paper = card.lines().get(0);
        assertTrue(paper.isManual());
        assertEquals("paper card 7 stamps", paper.note());
        CardEntry entry = cards.history(vet.practice, "c1").get(0);
        assertEquals(EntryKind.MANUAL, entry.kind());
        assertEquals("manager-bart", entry.actor());
        assertEquals("paper card 7 stamps", entry.note());
        rejected(cards.addValue(vet.next(MANAGER), new AddValue("c1", "paper", eur("1.00"), "again")), "DUPLICATE_LINE");
        applied(cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", null, "paper", "paper card lost")));
        assertAmount("1.00", vet.card("c1").amount());
    }

    @Test
    @Tag("CC-7")
    void removeLine_takesALineOffTheOpenCardOnce() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"), line("2", "food", "1", "30.00"))));
        Outcome o = applied(cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", "S1", "2", "sold by mistake")));
        assertAmount("-3.00", o.entries().get(0).amount());
        assertEquals("sold by mistake", o.entries().get(0).note());
        assertAmount("1.00", vet.card("c1").amount());
        assertEquals(1, vet.card("c1").purchases());
        rejected(cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", "S1", "2", "again")), "LINE_NOT_ON_CARD");
        // Unlocking and locking again does not bring the removed line back.
        applied(vet.unlock("S1"));
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"), line("2", "food", "1", "30.00"))));
        assertAmount("1.00", vet.card("c1").amount());
    }

    @Test
    @Tag("CC-7")
    @Tag("X-8")
    void manualLines_needThePermission() {
        vet.configure(Configure.percent("10"));
        vet.enrolled("c1");
        rejected(cards.addValue(vet.next(), new AddValue("c1", "paper", eur("5.00"), "paper card")),
                "PERMISSION_REQUIRED");
        assertThrows(InvalidValueException.class, () -> new AddValue("c1", "paper", eur("5.00"), " "));
        assertThrows(InvalidValueException.class, () -> new AddValue("c1", "paper", eur("-5.00"), "note"));
        assertTrue(cards.history(vet.practice, "c1").isEmpty());
    }

    // ------------------------------------------------------------------ CC-9 reports

    @Test
    @Tag("CC-9")
    void fullCards_listsEveryCustomerWithAFullCardAndNoOther() {
        vet.configure(tenPercent(null, 2, null, null));
        vet.eligible("food");
        vet.enrolled("c1");
        vet.enrolled("c2");
        vet.enrolled("c3");
        vet.buy("c1", DAY, "food", "10.00");
        vet.buy("c1", DAY, "food", "10.00");
        vet.buy("c2", DAY, "food", "10.00");
        vet.buy("c3", DAY, "food", "10.00");
        vet.buy("c3", DAY, "food", "10.00");
        vet.buy("c3", DAY, "food", "10.00");
        List<CardStatus> full = cards.fullCards(vet.practice);
        assertEquals(List.of("c1", "c3"), full.stream().map(CardStatus::customerId).toList());
        assertEquals(3, full.get(1).lines().size());
        assertAmount("3.00", full.get(1).amount());
    }

    @Test
    @Tag("CC-9")
    @Tag("X-12")
    void fullCardsCsv_oneLinePerFullCardWithItsFiguresAndThresholds() {
        vet.configure(tenPercent("2", 2, null, null));
        vet.eligible("food");
        vet.enrolled("c1");
        vet.enrolled("Smith, J.");
        vet.buy("c1", DAY, "food", "10.00");
        vet.buy("c1", day(1), "food", "15.00");
        applied(vet.lock(sale("S9", "Smith, J.", DAY, line("1", "food", "3", "30.00"))));
        assertEquals("customer,amount,currency,units,purchases,visits,thresholds\r\n"
                + "\"Smith, J.\",3.00,EUR,3,1,1,minUnits\r\n"
                + "c1,2.50,EUR,2,2,2,minPurchases;minUnits\r\n", cards.fullCardsCsv(vet.practice));
    }

    @Test
    @Tag("CC-9")
    @Tag("X-12")
    void fullCardsCsv_cellsASpreadsheetWouldRunAsFormulasAreNeutralised() {
        vet.configure(tenPercent("2", 2, null, null));
        vet.eligible("food");
        vet.enrolled("=HYPERLINK(\"http://evil.example\",\"x\")");
        vet.enrolled("-1+1");
        applied(vet.lock(sale("S1", "=HYPERLINK(\"http://evil.example\",\"x\")", DAY, line("1", "food", "3", "30.00"))));
        applied(vet.lock(sale("S2", "-1+1", DAY, line("1", "food", "3", "30.00"))));
        String csv = cards.fullCardsCsv(vet.practice);
        Spreadsheet.assertNoFormulaCells(csv, ',');
        assertEquals("customer,amount,currency,units,purchases,visits,thresholds\r\n"
                + "\"'-1+1\",3.00,EUR,3,1,1,minUnits\r\n"
                + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",3.00,EUR,3,1,1,minUnits\r\n", csv);
    }

    // ------------------------------------------------------------------ CC-13 the card overview

    @Test
    @Tag("CC-13")
    void overview_everyCustomerWhoTakesPartFullOrNot_asDataAndCsv() {
        vet.configure(tenPercent("2", 2, null, null));
        vet.eligible("food");
        vet.enrolled("c1");
        vet.enrolled("c2");
        vet.enrolled("c3");
        vet.customer("c9");
        vet.buy("c1", DAY, "food", "10.00");
        vet.buy("c1", day(1), "food", "15.00");
        applied(vet.lock(sale("S2", "c2", DAY, line("1", "food", "1", "40.00"))));
        applied(vet.lock(sale("S9", "c9", DAY, line("1", "food", "5", "50.00"))));

        List<CardStatus> overview = cards.overview(vet.practice, DAY);
        assertEquals(List.of("c1", "c2", "c3"), overview.stream().map(CardStatus::customerId).toList());
        CardStatus c1 = overview.get(0);
        assertAmount("2.50", c1.amount());
        assertAmount("2", c1.units());
        assertEquals(2, c1.purchases());
        assertEquals(2, c1.visits());
        assertEquals(List.of("minPurchases", "minUnits"), c1.thresholdsMet());
        assertTrue(c1.full());
        CardStatus c2 = overview.get(1);
        assertAmount("4.00", c2.amount());
        assertEquals(1, c2.purchases());
        assertFalse(c2.full());
        assertEquals(List.of(), c2.thresholdsMet());
        assertFalse(overview.get(2).full());
        assertEquals(0, overview.get(2).purchases());

        assertEquals("customer,amount,currency,units,purchases,visits,thresholds,full\r\n"
                + "c1,2.50,EUR,2,2,2,minPurchases;minUnits,true\r\n"
                + "c2,4.00,EUR,1,1,1,,false\r\n"
                + "c3,0,EUR,0,0,0,,false\r\n", cards.overviewCsv(vet.practice));
        // The full cards are the overview's full ones.
        assertEquals(List.of("c1"), cards.fullCards(vet.practice, DAY).stream().map(CardStatus::customerId).toList());
    }

    @Test
    @Tag("CC-13")
    @Tag("X-12")
    void overviewCsv_cellsASpreadsheetWouldRunAsFormulasAreNeutralised_andAnEmptyPracticeIsItsHeader() {
        assertEquals("customer,amount,currency,units,purchases,visits,thresholds,full\r\n",
                cards.overviewCsv(vet.practice, DAY));
        vet.configure(tenPercent("2", null, null, null));
        vet.eligible("food");
        vet.enrolled("=HYPERLINK(\"http://evil.example\",\"x\")");
        applied(vet.lock(sale("S1", "=HYPERLINK(\"http://evil.example\",\"x\")", DAY, line("1", "food", "3", "30.00"))));
        String csv = cards.overviewCsv(vet.practice, DAY);
        Spreadsheet.assertNoFormulaCells(csv, ',');
        assertEquals("customer,amount,currency,units,purchases,visits,thresholds,full\r\n"
                + "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",3.00,EUR,3,1,1,minUnits,true\r\n", csv);
    }

    // ------------------------------------------------------------------ X-13 returns

    @Test
    @Tag("X-13")
    void creditNote_takesAnOpenLineOffOnceAndInProportion() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "3", "10.00"))));
        assertAmount("1.00", vet.card("c1").amount());
        Outcome first = applied(cards.creditNote(vet.next(), new CreditNote("CN1", "S1",
                List.of(new ReturnLine("1", dec("1"))))));
        assertAmount("-0.33", first.entries().get(0).amount());
        applied(cards.creditNote(vet.next(), new CreditNote("CN2", "S1", List.of(new ReturnLine("1", dec("2"))))));
        assertAmount("0", vet.card("c1").amount());
        rejected(cards.creditNote(vet.next(), new CreditNote("CN3", "S1", List.of(new ReturnLine("1", dec("1"))))),
                "LINE_ALREADY_RETURNED");
        rejected(vet.unlock("S1"), "DOCUMENT_HAS_RETURNS");
    }

    @Test
    @Tag("X-13")
    void creditNote_ofASettledLineShowsOnTheNextCard() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "40.00"))));
        vet.settleOn("c1", DAY, "food", "10.00");
        applied(cards.creditNote(vet.next(), new CreditNote("CN1", "S1", List.of(new ReturnLine("1", dec("1"))))));
        CardStatus next = vet.card("c1");
        assertAmount("-4.00", next.amount());
        assertEquals(1, next.lines().size());
        assertAmount("-4.00", next.lines().get(0).value());
        vet.buy("c1", DAY, "food", "60.00");
        assertAmount("2.00", vet.card("c1").amount());
    }

    @Test
    @Tag("X-13")
    void creditNote_beforeEnrolmentIsRecordedAndCountsOnEnrolment() {
        vet.configure(Configure.percent("10"));
        vet.eligible("food");
        vet.customer("c1");
        applied(vet.lock(sale("S1", "c1", MARCH, line("1", "food", "4", "40.00"))));
        applied(cards.creditNote(vet.next(), new CreditNote("CN1", "S1", List.of(new ReturnLine("1", dec("1"))))));
        applied(cards.enrol(vet.next(), new Enrol("c1")));
        assertAmount("3.00", vet.card("c1").amount());
        rejected(cards.creditNote(vet.next(), new CreditNote("CN2", "S1", List.of(new ReturnLine("1", dec("4"))))),
                "RETURN_EXCEEDS_QUANTITY");
    }

    @Test
    @Tag("X-13")
    @Tag("CC-7")
    void creditNote_ofALineRemovedByHandDoesNotTakeItOffTwice() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "40.00"), line("2", "food", "1", "20.00"))));
        applied(cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", "S1", "1", "returned over the counter")));
        Outcome o = applied(cards.creditNote(vet.next(), new CreditNote("CN1", "S1",
                List.of(new ReturnLine("1", dec("1"))))));
        assertTrue(o.entries().isEmpty());
        assertAmount("2.00", vet.card("c1").amount());
    }

    @Test
    @Tag("X-13")
    @Tag("CC-7")
    void removeLine_afterAPartialReturnTakesOffOnlyWhatIsLeftOfTheLine() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "2", "40.00"))));
        applied(cards.creditNote(vet.next(), new CreditNote("CN1", "S1", List.of(new ReturnLine("1", dec("1"))))));
        assertAmount("2.00", vet.card("c1").amount());
        Outcome removed = applied(cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", "S1", "1", "damaged")));
        assertEquals(1, removed.entries().size());
        assertAmount("-2.00", removed.entries().get(0).amount());
        assertAmount("0", vet.card("c1").amount());
        rejected(cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", "S1", "1", "again")), "LINE_NOT_ON_CARD");
        // the rest of the line returned later takes nothing more off
        Outcome rest = applied(cards.creditNote(vet.next(), new CreditNote("CN2", "S1",
                List.of(new ReturnLine("1", dec("1"))))));
        assertTrue(rest.entries().isEmpty());
        assertAmount("0", vet.card("c1").amount());
    }

    @Test
    @Tag("X-13")
    @Tag("CC-7")
    void removeLine_afterAFullReturnOrAReturnBeforeEnrolmentTakesOffNoMoreThanIsLeft() {
        vet.configure(Configure.percent("10"));
        vet.eligible("food");
        vet.customer("c1");
        applied(vet.lock(sale("S1", "c1", MARCH, line("1", "food", "4", "40.00"))));
        applied(vet.lock(sale("S2", "c1", MARCH, line("1", "food", "1", "20.00"))));
        applied(cards.creditNote(vet.next(), new CreditNote("CN1", "S1", List.of(new ReturnLine("1", dec("1"))))));
        applied(cards.enrol(vet.next(), new Enrol("c1")));
        assertAmount("5.00", vet.card("c1").amount());
        Outcome removed = applied(cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", "S1", "1", "damaged")));
        assertAmount("-3.00", removed.entries().get(0).amount());
        assertAmount("2.00", vet.card("c1").amount());

        applied(cards.creditNote(vet.next(), new CreditNote("CN2", "S2", List.of(new ReturnLine("1", dec("1"))))));
        assertAmount("0", vet.card("c1").amount());
        rejected(cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", "S2", "1", "damaged")), "LINE_NOT_ON_CARD");
        assertAmount("0", vet.card("c1").amount());
        assertEquals(0, vet.card("c1").purchases());
    }

    @Test
    @Tag("X-13")
    @Tag("CC-5")
    void unlock_afterSettlementOrRemovalTakesNothingOffTwice() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "40.00"))));
        applied(vet.lock(sale("S2", "c1", DAY, line("1", "food", "1", "20.00"))));
        applied(cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", "S2", "1", "sold by mistake")));
        vet.product("consult", LocalDate.of(2020, 1, 1), false, null);
        assertAmount("4.00", vet.settleOn("c1", DAY, "consult", "10.00"));
        assertTrue(applied(vet.unlock("S1")).entries().isEmpty());
        assertTrue(applied(vet.unlock("S2")).entries().isEmpty());
        assertTrue(applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "40.00")))).entries().isEmpty());
        assertTrue(applied(vet.lock(sale("S2", "c1", DAY, line("1", "food", "1", "20.00")))).entries().isEmpty());
        assertAmount("0", vet.card("c1").amount());
        // a return of the settled line is claimed back on the next card, once, and at most its value
        applied(cards.creditNote(vet.next(), new CreditNote("CN1", "S1", List.of(new ReturnLine("1", dec("1"))))));
        assertAmount("-4.00", vet.card("c1").amount());
        rejected(cards.removeLine(vet.next(MANAGER), new RemoveLine("c1", "S1", "1", "again")), "LINE_NOT_ON_CARD");
        assertTrue(applied(cards.creditNote(vet.next(), new CreditNote("CN2", "S2",
                List.of(new ReturnLine("1", dec("1")))))).entries().isEmpty());
        assertAmount("-4.00", vet.card("c1").amount());
    }

    @Test
    @Tag("CC-1")
    @Tag("X-10")
    void configure_everySettingOutsideItsRangeIsATypedErrorNamingTheSettingAndTheRange() {
        java.util.function.Consumer<org.junit.jupiter.api.function.Executable> refused = make -> {
            InvalidValueException e = assertThrows(InvalidValueException.class, make);
            assertTrue(e.getMessage().matches("(?s).*(defaultPercent|minUnits|minPurchases|minVisits|minAmount|percent)"
                    + ".* between .* and .*"), e.getMessage());
        };
        refused.accept(() -> new Configure(dec("-0.01"), null, null, null, null, false, null));
        refused.accept(() -> new Configure(dec("100.01"), null, null, null, null, false, null));
        refused.accept(() -> new Configure(dec("10.00001"), null, null, null, null, false, null));
        refused.accept(() -> new Configure(BigDecimal.TEN, dec("0"), null, null, null, false, null));
        refused.accept(() -> new Configure(BigDecimal.TEN, dec("1E9"), null, null, null, false, null));
        refused.accept(() -> new Configure(BigDecimal.TEN, dec("0.0001"), null, null, null, false, null));
        refused.accept(() -> new Configure(BigDecimal.TEN, null, 0, null, null, false, null));
        refused.accept(() -> new Configure(BigDecimal.TEN, null, Integer.MAX_VALUE, null, null, false, null));
        refused.accept(() -> new Configure(BigDecimal.TEN, null, null, -1, null, false, null));
        refused.accept(() -> new Configure(BigDecimal.TEN, null, null, Integer.MAX_VALUE, null, false, null));
        refused.accept(() -> new Configure(BigDecimal.TEN, null, null, null, dec("0.001"), false, null));
        refused.accept(() -> new Configure(BigDecimal.TEN, null, null, null, dec("1E12"), false, null));
        refused.accept(() -> new CardRequests.DefineProduct("food", DAY, true, dec("100.5")));
        refused.accept(() -> new CardRequests.DefineProduct("food", DAY, true, dec("7.123456")));
        // the bounds themselves are fine
        vet.configure(new Configure(dec("100"), dec("1000000"), 10_000, 3_660, dec("1000000.00"), false, null));
        vet.configure(new Configure(dec("0"), dec("0.001"), 1, 1, dec("0.01"), false, null));
    }

    // ------------------------------------------------------------------ X-5 concurrent commands

    /** Runs the commands at once, each on its own thread, and waits for all of them. */
    private static void atOnce(List<java.util.concurrent.Callable<Outcome>> commands) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(commands.size());
        try {
            for (java.util.concurrent.Future<Outcome> f : pool.invokeAll(commands)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @Tag("CC-5")
    @Tag("X-5")
    void lock_concurrentLocksOfSalesCountEachSaleOnce() throws Exception {
        vet.foodAtTenPercentFor("c1");
        List<java.util.concurrent.Callable<Outcome>> locks = new java.util.ArrayList<>();
        for (String doc : List.of("D1", "D1", "D1", "D2", "D3", "D4")) {
            Sale sale = sale(doc, "c1", DAY, line("1", "food", "1", "10.00"));
            CommandContext ctx = vet.next();
            locks.add(() -> cards.lock(ctx, sale));
        }
        atOnce(locks);
        CardStatus card = vet.card("c1");
        assertAmount("4.00", card.amount());
        assertEquals(4, card.purchases());
    }

    @Test
    @Tag("CC-4")
    @Tag("X-5")
    void enrol_aSaleLockedWhileTheCustomerIsBeingEnrolledGoesOnTheCard() throws Exception {
        // The customer has no card account yet, so there is no account row to lock: enrolment lists the
        // customer's sales, and a sale locked meanwhile (which read "not enrolled", so put nothing on
        // the card) must still count, as if the two had run one after the other.
        CardFixtures race = practiceWithASaleOfC1NotEnrolled();
        CommandContext theirs = race.next();
        bothApplied(race, () -> race.cards.enrol(race.next(), new Enrol("c1")),
                () -> race.cards.lock(theirs, sale("S2", "c1", DAY, line("1", "food", "1", "20.00"))));
        CardStatus card = race.card("c1");
        assertAmount("3.00", card.amount());
        assertEquals(2, card.purchases());
    }

    @Test
    @Tag("CC-4")
    @Tag("X-5")
    void enrolAll_aCustomerWhoArrivesWithASaleMeanwhileIsEnrolledWithItOrNotAtAll() throws Exception {
        // Bulk enrolment lists the customers to learn which card accounts to lock, then lists them again
        // to decide and to record. A customer created (and a sale of theirs locked) in between must not
        // be half taken in: enrolled without the sale on the card, or decided on without the lock.
        CardFixtures race = practiceWithASaleOfC1NotEnrolled();
        CommandContext theirs = race.next();
        bothApplied(race, () -> race.cards.enrolAll(race.next()), () -> {
            race.customer("c2");
            return race.cards.lock(theirs, sale("S2", "c2", DAY, line("1", "food", "1", "20.00")));
        });
        assertAmount("1.00", race.card("c1").amount());
        CardStatus c2 = race.card("c2");
        // One after the other, either way round: enrolled with the sale on the card, or not enrolled.
        assertAmount(c2.enrolled() ? "2.00" : "0", c2.amount());
    }

    @Test
    @Tag("CC-1")
    @Tag("X-5")
    void lock_whileThePracticeChangesItsCurrencyEitherIsRefusedOrRefusesTheChange() throws Exception {
        // The sale reads the practice's currency to name the card account it locks, and reads it again
        // after the lock to decide. A change of currency in between (allowed while no card has an
        // account) must not leave it deciding on a card account in the new currency that it never locked.
        CardFixtures race = interleavedPractice();
        race.foodAtTenPercentFor("c1");
        CommandContext theirs = race.next();
        oneRefusedForItsCurrency(race, Interleaving.Point.BEFORE_LOCK, () -> race.lock(firstSaleOfC1()),
                () -> race.cards.configure(theirs, toCzk()));
    }

    @Test
    @Tag("CC-1")
    @Tag("X-5")
    void configure_aCurrencyChangeWhileACardGetsItsFirstValueEitherIsRefusedOrRefusesTheSale() throws Exception {
        // The change of currency is allowed while no card has an account: it lists the card accounts,
        // and a sale that opens the first one meanwhile (in EUR, as it read the settings) must not end
        // up on a card the practice no longer shows, in a currency it no longer keeps: neither when the
        // sale comes between the listing and the change, nor when it comes after the change is written.
        for (Interleaving.Point point : List.of(Interleaving.Point.AFTER_LIST, Interleaving.Point.AFTER_SETTINGS_PUT)) {
            CardFixtures race = interleavedPractice();
            race.foodAtTenPercentFor("c1");
            CommandContext theirs = race.next();
            oneRefusedForItsCurrency(race, point, () -> race.cards.configure(race.next(), toCzk()),
                    () -> race.cards.lock(theirs, firstSaleOfC1()));
        }
    }

    private static Sale firstSaleOfC1() {
        return sale("S1", "c1", DAY, line("1", "food", "1", "10.00"));
    }

    private static Configure toCzk() {
        return new Configure(BigDecimal.TEN, null, null, null, null, false, Money.currency("CZK"));
    }

    /**
     * Runs mine, and theirs meanwhile at the point; as if one ran after the other, either way round, one
     * applied and the other was refused for its currency (a card holds EUR, or the sale is in EUR).
     */
    private static void oneRefusedForItsCurrency(CardFixtures race, Interleaving.Point point,
                                                 java.util.concurrent.Callable<Outcome> mine,
                                                 java.util.concurrent.Callable<Outcome> theirs) throws Exception {
        java.util.concurrent.Future<Outcome> meanwhile = interleaving(race).once(point, theirs);
        RuntimeException mineFailed = failureOf(mine);
        RuntimeException theirsFailed = failureOf(() -> {
            try {
                return meanwhile.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException e) {
                throw (RuntimeException) e.getCause();
            }
        });
        assertTrue(mineFailed == null ^ theirsFailed == null, () -> "mine " + mineFailed + ", theirs " + theirsFailed);
        RuntimeException refusal = mineFailed != null ? mineFailed : theirsFailed;
        assertTrue(refusal instanceof CurrencyMismatchException, () -> "refused with " + refusal);
    }

    /** What the call threw, or null if it returned an applied outcome. */
    private static RuntimeException failureOf(java.util.concurrent.Callable<Outcome> call) throws Exception {
        try {
            applied(call.call());
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Test
    @Tag("CC-2")
    @Tag("X-5")
    void defineProduct_concurrentPeriodsOfOneProductAreAllKept() throws Exception {
        vet.configure(tenPercent(null, null, null, null));
        vet.enrolled("c1");
        List<java.util.concurrent.Callable<Outcome>> periods = new java.util.ArrayList<>();
        for (CardRequests.DefineProduct p : List.of(
                new CardRequests.DefineProduct("toy", LocalDate.of(2026, 1, 1), true, dec("5")),
                new CardRequests.DefineProduct("toy", LocalDate.of(2026, 2, 1), true, null),
                new CardRequests.DefineProduct("toy", LocalDate.of(2026, 3, 1), false, null),
                new CardRequests.DefineProduct("toy", LocalDate.of(2026, 4, 1), true, dec("20")))) {
            CommandContext ctx = vet.next();
            periods.add(() -> applied(cards.defineProduct(ctx, p)));
        }
        atOnce(periods);
        for (int month = 1; month <= 4; month++) {
            vet.buy("c1", LocalDate.of(2026, month, 15), "toy", "10.00");
        }
        // 5% + the default 10% + not eligible + 20% of 10.00 each
        assertAmount("3.50", vet.card("c1").amount());
    }

    // ------------------------------------------------------------------ bad input

    @Test
    @Tag("X-10")
    void badInput_unknownCustomerOrProductAndBadLinesAreTypedAndWriteNothing() {
        vet.foodAtTenPercentFor("c1");
        NoSuchEntityException noCustomer = assertThrows(NoSuchEntityException.class,
                () -> vet.lock(sale("S1", "nobody", DAY, line("1", "food", "1", "10.00"))));
        assertEquals("NO_SUCH_CUSTOMER", noCustomer.code());
        NoSuchEntityException noProduct = assertThrows(NoSuchEntityException.class,
                () -> vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"), line("2", "catnip", "1", "3.00"))));
        assertEquals("NO_SUCH_PRODUCT", noProduct.code());
        assertThrows(InvalidValueException.class, () -> line("1", "food", "0", "10.00"));
        assertThrows(InvalidValueException.class, () -> line("1", "food", "-1", "10.00"));
        assertThrows(InvalidValueException.class, () -> line("1", "food", "1", "-10.00"));
        assertThrows(InvalidValueException.class, () -> sale("S1", "c1", DAY, line("1", "food", "1", "1.00"),
                line("1", "food", "1", "2.00")));
        assertThrows(CurrencyMismatchException.class, () -> new Sale("S1", "c1", DAY, Money.currency("CZK"),
                List.of(line("1", "food", "1", "1.00"))));
        CurrencyMismatchException otherCurrency = assertThrows(CurrencyMismatchException.class,
                () -> vet.lock(new Sale("S1", "c1", DAY, Money.currency("CZK"), List.of())));
        // The one wording of currency refusals: what, in which currency, against what, and the remedy.
        assertEquals("document S1 is in CZK but the customer card of this practice is in EUR; bring it in EUR",
                otherCurrency.getMessage());
        assertThrows(NoSuchEntityException.class, () -> cards.card(vet.practice, "nobody"));
        assertThrows(NoSuchEntityException.class, () -> vet.unlock("S404"));
        assertTrue(cards.history(vet.practice, "c1").isEmpty());
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"))));
        assertAmount("1.00", vet.card("c1").amount());
    }

    @Test
    @Tag("X-4")
    void lock_repeatedWithTheSameKeyReturnsTheFirstOutcome() {
        vet.foodAtTenPercentFor("c1");
        CommandContext ctx = vet.next();
        Sale s1 = sale("S1", "c1", DAY, line("1", "food", "1", "10.00"));
        Outcome first = applied(cards.lock(ctx, s1));
        assertEquals(first, cards.lock(ctx, s1));
        assertAmount("1.00", vet.card("c1").amount());
        assertThrows(IdempotencyConflictException.class,
                () -> cards.lock(ctx, sale("S1", "c1", DAY, line("1", "food", "1", "20.00"))));
    }
    // ------------------------------------------------------------------ hostile but legal orders

    @Test
    @Tag("CC-6")
    @Tag("CC-8")
    void settle_onALockedSaleWithLinesItDoesNotHaveIsATypedErrorAndWritesNothing() {
        // A locked sale is final: its lines are on the card already. Settling on it with a line it does
        // not have would pay that line's value out of nothing, as a free booking the sale never earned.
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "100.00"))));
        int entries = cards.history(vet.practice, "c1").size();

        assertThrows(InvalidValueException.class, () -> cards.settle(vet.next(), new Settle(sale("S1", "c1", DAY,
                line("1", "food", "1", "100.00"), line("2", "food", "1", "500.00")))));
        assertThrows(InvalidValueException.class, () -> cards.settle(vet.next(), new Settle(sale("S1", "c1", DAY,
                line("1", "food", "5", "900.00")))));

        assertEquals(entries, cards.history(vet.practice, "c1").size());
        assertAmount("10.00", vet.card("c1").amount());
        // The locked sale exactly as it was locked settles the card: its value, and nothing more.
        Outcome settled = applied(cards.settle(vet.next(), new Settle(sale("S1", "c1", DAY,
                line("1", "food", "1", "100.00")))));
        assertAmount("10.00", settled.result(CardSettlementResult.class).orElseThrow().settlement());
    }

    @Test
    @Tag("CC-4")
    @Tag("X-5")
    void configure_aNewCurrencyWhileSalesAreKeptInTheOldOneIsATypedErrorSoEnrolmentCannotCountThemInIt() {
        // The sale of a customer who does not take part has no card account, but it is kept for
        // enrolment (CC-4). Changing the currency then would let enrolment put EUR values on a CZK card.
        vet.configure(Configure.percent("10"));
        vet.eligible("food");
        vet.customer("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "100.00"))));

        CurrencyMismatchException refused = assertThrows(CurrencyMismatchException.class,
                () -> cards.configure(vet.next(), toCzk()));
        assertEquals("the new currency setting is in CZK but sale S1 of this practice is in EUR; keep the currency"
                + " while a sale is kept in it", refused.getMessage());

        applied(cards.enrol(vet.next(), new Enrol("c1")));
        CardStatus card = vet.card("c1");
        assertEquals("EUR", card.currency());
        assertAmount("10.00", card.amount());
    }
    @Test
    @Tag("CC-5")
    @Tag("CC-8")
    void lock_aSettledLineWithAnotherAmountIsATypedErrorSoTheSettlementPaysOnlyWhatWasSold() {
        // The settlement paid out the line's value as the host gave it; locking the document afterwards
        // with a smaller line would keep a record of 1.00 sold against 50.00 paid out of the card.
        vet.foodAtTenPercentFor("c1");
        vet.buy("c1", DAY, "food", "10.00");
        Outcome settled = applied(cards.settle(vet.next(), new Settle(sale("S9", "c1", DAY,
                line("1", "food", "1", "500.00")))));
        assertAmount("51.00", settled.result(CardSettlementResult.class).orElseThrow().settlement());
        int entries = cards.history(vet.practice, "c1").size();

        assertThrows(InvalidValueException.class, () -> vet.lock(sale("S9", "c1", DAY, line("1", "food", "1", "1.00"))));
        assertThrows(InvalidValueException.class, () -> vet.lock(sale("S9", "c1", DAY, line("2", "food", "1", "1.00"))));

        assertEquals(entries, cards.history(vet.practice, "c1").size());
        applied(vet.lock(sale("S9", "c1", DAY, line("1", "food", "1", "500.00"), line("2", "food", "1", "1.00"))));
        // Unlocking it takes the settlement back (CC-12): nothing of the line is paid out any more, so the
        // document can be changed and locked again, and the card holds what it records.
        applied(vet.unlock("S9"));
        assertAmount("1.00", vet.card("c1").amount());
        applied(vet.lock(sale("S9", "c1", DAY, line("1", "food", "3", "500.00"), line("2", "food", "1", "1.00"))));
        assertAmount("51.10", vet.card("c1").amount());
    }
    @Test
    @Tag("CC-1")
    @Tag("CC-10")
    @Tag("X-10")
    void settings_storedOutsideTheirRangeAreATypedErrorNamingTheSettingOnEveryCommandAndRead() {
        // Settings written before the ranges existed, or by a host straight into its store, are checked
        // like new ones: never a NumberFormatException, never a 250% card or a card in no currency.
        vet.foodAtTenPercentFor("c1");
        for (Map<String, String> stored : List.of(Map.of("defaultPercent", "ten"), Map.of("defaultPercent", "250"),
                Map.of("defaultPercent", "10", "minPurchases", "5.5"), Map.of("defaultPercent", "10", "currency", "EURO"),
                Map.of("defaultPercent", "10", "minAmount", "1E+999999"),
                Map.of("defaultPercent", "10", "defaultPercent.from.2026-01-01", "250"),
                Map.of("defaultPercent", "10", "defaultPercent.from.tomorrow", "20"))) {
            vet.store.inTransaction(vet.practice, tx -> {
                tx.settings().put(CustomerCards.PROGRAM, tx.settings().of(CustomerCards.PROGRAM), stored);
                return null;
            });
            InvalidValueException read = assertThrows(InvalidValueException.class, () -> vet.card("c1"), stored::toString);
            String setting = stored.keySet().stream().filter(k -> !stored.get(k).equals("10")).findFirst().orElseThrow();
            assertTrue(read.getMessage().contains(setting), read.getMessage());
            assertThrows(InvalidValueException.class, () -> vet.lock(sale("S1", "c1", DAY,
                    line("1", "food", "1", "10.00"))), stored::toString);
            assertThrows(InvalidValueException.class, () -> cards.fullCards(vet.practice), stored::toString);
        }
        // configuring again is the way out
        vet.configure(Configure.percent("10"));
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"))));
        assertAmount("1.00", vet.card("c1").amount());
    }
    @Test
    @Tag("CC-6")
    @Tag("CC-8")
    void settle_againOnTheSameDocumentRecordsItsLinesSoTheLockCannotDropWhatWasPaidOut() {
        // Two settlements on one document being made: the second pays out a line the first did not
        // have. The record of the document must hold that line, so it cannot be locked without it.
        vet.foodAtTenPercentFor("c1");
        vet.buy("c1", DAY, "food", "10.00");
        applied(cards.settle(vet.next(), new Settle(sale("S9", "c1", DAY, line("1", "food", "1", "10.00")))));
        assertThrows(InvalidValueException.class, () -> cards.settle(vet.next(), new Settle(sale("S9", "c1", DAY,
                line("1", "food", "1", "99.00")))));
        Outcome second = applied(cards.settle(vet.next(), new Settle(sale("S9", "c1", DAY,
                line("1", "food", "1", "10.00"), line("2", "food", "1", "5000.00")))));
        assertAmount("500.00", second.result(CardSettlementResult.class).orElseThrow().settlement());
        int entries = cards.history(vet.practice, "c1").size();

        assertThrows(InvalidValueException.class, () -> vet.lock(sale("S9", "c1", DAY, line("1", "food", "1", "10.00"))));

        assertEquals(entries, cards.history(vet.practice, "c1").size());
        applied(vet.lock(sale("S9", "c1", DAY, line("1", "food", "1", "10.00"), line("2", "food", "1", "5000.00"))));
        assertAmount("0", vet.card("c1").amount());
    }
}

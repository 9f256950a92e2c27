package org.loyaltyengine.testing.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.card.CardFixtures.DAY;
import static org.loyaltyengine.testing.card.CardFixtures.applied;
import static org.loyaltyengine.testing.card.CardFixtures.assertAmount;
import static org.loyaltyengine.testing.card.CardFixtures.line;
import static org.loyaltyengine.testing.card.CardFixtures.rejected;
import static org.loyaltyengine.testing.card.CardFixtures.sale;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.card.CardEntry;
import org.loyaltyengine.card.CardLine;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.card.CardRequests.CancelSettlement;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.CreditNote;
import org.loyaltyengine.card.CardRequests.Enrol;
import org.loyaltyengine.card.CardRequests.ReturnLine;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.card.CardRequests.Unlock;
import org.loyaltyengine.card.CardStatus;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.rules.facts.CardSettlementReversed;
import org.loyaltyengine.rules.facts.CardSettlementResult;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.MutableClock;

/**
 * A settlement taken back (CC-12), proven through the public API: the card is settled as a negative free
 * booking on a consultation or sale that stays editable until it is locked, so unlocking that document (or,
 * while it is still being made, {@link CustomerCards#cancelSettlement}) puts exactly what the settlement
 * paid out back on the card, reports the free booking withdrawn, once, and a second attempt changes nothing.
 * Abstract so that every store runs it: {@code CustomerCardSettlementReversalInMemoryTest} in this module, the
 * JPA adapter on its databases.
 */
@Tag("CC-12")
public abstract class CustomerCardSettlementReversalContract {
    private static final Map<LoyaltyStore, LoyaltyEngine> ENGINES = new ConcurrentHashMap<>();

    private CardFixtures vet;
    private CustomerCards cards;

    /** The store under test; one shared store (each test uses a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    @BeforeEach
    void practice() {
        LoyaltyStore store = newStore();
        vet = new CardFixtures(ENGINES.computeIfAbsent(store, s -> LoyaltyEngine.builder().store(s)
                .clock(new MutableClock(Instant.parse("2026-06-15T09:00:00Z"))).build()), store);
        cards = vet.cards;
    }

    private static LocalDate day(int n) {
        return DAY.plusDays(n);
    }

    private List<CardEntry> history() {
        return cards.history(vet.practice, "c1");
    }

    /** The entries booked after the first {@code before} of the history. */
    private List<CardEntry> since(int before) {
        List<CardEntry> all = history();
        return all.subList(before, all.size());
    }

    /** The seed's worked example: five bags of 10.00 at 10%, settled on the sixth (its own 10% included). */
    private void sixBagsSettledOnS6() {
        vet.configure(new Configure(new BigDecimal("10"), null, 5, null, null, false, null));
        vet.eligible("food");
        vet.enrolled("c1");
        for (int i = 1; i <= 5; i++) {
            applied(vet.lock(sale("S" + i, "c1", day(i), line("1", "food", "1", "10.00"))));
        }
        Outcome settled = applied(cards.settle(vet.next(), new Settle(bag("S6", day(6)))));
        assertAmount("6.00", settled.result(CardSettlementResult.class).orElseThrow().settlement());
        applied(vet.lock(bag("S6", day(6))));
        assertAmount("0", vet.card("c1").amount());
    }

    private static Sale bag(String document, LocalDate date) {
        return sale(document, "c1", date, line("1", "food", "1", "10.00"));
    }

    private static void assertReversed(Outcome o, String document, String settlement) {
        CardSettlementReversed r = o.result(CardSettlementReversed.class).orElseThrow();
        assertEquals("c1", r.customer());
        assertEquals(document, r.document());
        assertAmount(settlement, r.settlement());
        assertAmount("-" + settlement, r.freeBooking());
    }

    private static List<Long> sequences(Outcome o) {
        return o.entries().stream().map(e -> e.sequence()).toList();
    }

    private static List<String> linesOf(CardStatus card) {
        return card.lines().stream().map(l -> l.document() + "/" + l.line() + "=" + l.value().toPlainString()).toList();
    }

    // ------------------------------------------------------------------ unlock

    @Test
    @Tag("CC-5")
    @Tag("CC-6")
    void unlock_theSettlingDocumentPutsTheSettlementBackOnceAndItsOwnBagLeavesTheCard() {
        sixBagsSettledOnS6();
        int before = history().size();

        CommandContext ctx = vet.next();
        Outcome o = applied(cards.unlock(ctx, new Unlock("S6")));

        // The free booking of 6.00 is withdrawn: 6.00 goes back on the card, and the sixth bag (1.00, which
        // the settlement put on at once) leaves it with its unlocked document. Five bags: 5.00, full again.
        assertReversed(o, "S6", "6.00");
        List<CardEntry> written = since(before);
        assertEquals(2, written.size());
        assertEquals(EntryKind.REVERSE, written.get(0).kind());
        assertAmount("6.00", written.get(0).amount());
        assertEquals("S6", written.get(0).document());
        assertEquals(null, written.get(0).line());
        assertEquals(EntryKind.REVERSE, written.get(1).kind());
        assertAmount("-1.00", written.get(1).amount());
        assertEquals("1", written.get(1).line());
        assertEquals(written.stream().map(CardEntry::amount).toList(), o.entries().stream().map(e -> e.amount()).toList());
        CardStatus card = vet.card("c1");
        assertAmount("5.00", card.amount());
        assertEquals(List.of("S1/1=1.00", "S2/1=1.00", "S3/1=1.00", "S4/1=1.00", "S5/1=1.00"), linesOf(card));
        assertTrue(card.full());

        // The same command again replays its outcome and books nothing.
        Outcome again = cards.unlock(ctx, new Unlock("S6"));
        assertEquals(sequences(o), sequences(again));
        assertReversed(again, "S6", "6.00");
        assertEquals(before + 2, history().size());
        // A second unlock finds the document unlocked: nothing is taken back twice.
        rejected(cards.unlock(vet.next(), new Unlock("S6")), "DOCUMENT_NOT_LOCKED");
        rejected(cards.cancelSettlement(vet.next(), new CancelSettlement("S6")), "NO_SETTLEMENT");
        assertEquals(before + 2, history().size());
        assertAmount("5.00", vet.card("c1").amount());

        // Locked again, it is a sixth bag on the card; settled again, the seed's 6.00 once more.
        applied(vet.lock(bag("S6", day(6))));
        assertAmount("6.00", vet.card("c1").amount());
        Outcome resettled = applied(cards.settle(vet.next(), new Settle(bag("S7", day(7)))));
        assertAmount("7.00", resettled.result(CardSettlementResult.class).orElseThrow().settlement());
    }

    @Test
    @Tag("X-6")
    void unlock_asADryRunShowsTheReversalAndBooksNothing() {
        sixBagsSettledOnS6();
        int before = history().size();

        Outcome dry = applied(cards.unlock(vet.next().asDryRun(), new Unlock("S6")));

        assertReversed(dry, "S6", "6.00");
        assertEquals(2, dry.entries().size());
        assertEquals(before, history().size());
        assertAmount("0", vet.card("c1").amount());
        assertReversed(applied(vet.unlock("S6")), "S6", "6.00");
    }

    @Test
    @Tag("CC-6")
    void unlock_afterNewSalesOnTheNewCardBringsTheSettledCardBackBesideThem() {
        sixBagsSettledOnS6();
        applied(vet.lock(sale("S7", "c1", day(7), line("1", "food", "2", "30.00"))));
        assertAmount("3.00", vet.card("c1").amount());

        assertReversed(applied(vet.unlock("S6")), "S6", "6.00");

        CardStatus card = vet.card("c1");
        assertEquals(List.of("S1/1=1.00", "S2/1=1.00", "S3/1=1.00", "S4/1=1.00", "S5/1=1.00", "S7/1=3.00"),
                linesOf(card));
        assertAmount("8.00", card.amount());
        assertEquals(6, card.purchases());
        // Settled again, the card pays out everything on it, once.
        Outcome settled = applied(cards.settle(vet.next(), new Settle(sale("S8", "c1", day(8)))));
        assertAmount("8.00", settled.result(CardSettlementResult.class).orElseThrow().settlement());
    }

    @Test
    @Tag("CC-6")
    void unlock_aLockedDocumentSettledOnTakesBackItsSettlementAndItsLinesThatWereOnTheCardBefore() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"))));
        applied(vet.lock(sale("S2", "c1", DAY, line("1", "food", "1", "20.00"), line("2", "food", "1", "5.00"))));
        // Settled on S2, locked already: its lines were on the card, nothing joins at once.
        Outcome settled = applied(cards.settle(vet.next(), new Settle(sale("S2", "c1", DAY,
                line("1", "food", "1", "20.00"), line("2", "food", "1", "5.00")))));
        assertAmount("3.50", settled.result(CardSettlementResult.class).orElseThrow().settlement());
        assertEquals(List.of(EntryKind.SETTLE), settled.entries().stream().map(e -> e.kind()).toList());

        Outcome o = applied(vet.unlock("S2"));

        assertReversed(o, "S2", "3.50");
        // 3.50 back, then S2's two lines (2.00 and 0.50) off with the unlock: exactly S1's 1.00 is left.
        assertEquals(List.of("3.50", "-2.00", "-0.50"), o.entries().stream().map(e -> e.amount().toPlainString())
                .toList());
        assertEquals(List.of("S1/1=1.00"), linesOf(vet.card("c1")));
    }

    @Test
    @Tag("CC-5")
    void unlock_ofADocumentWhoseLinesWereSettledOnAnotherStillTakesOnlyWhatIsOpen() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"))));
        applied(cards.settle(vet.next(), new Settle(sale("S2", "c1", DAY))));

        Outcome o = applied(vet.unlock("S1"));

        assertTrue(o.entries().isEmpty());
        assertTrue(o.result(CardSettlementReversed.class).isEmpty());
        assertAmount("0", vet.card("c1").amount());
    }

    @Test
    @Tag("CC-6")
    void unlock_anEarlierSettlementWhileALaterOneIsInForceIsRefusedUntilTheLaterOneIsTakenBack() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"))));
        applied(cards.settle(vet.next(), new Settle(sale("S2", "c1", DAY, line("1", "food", "1", "20.00")))));
        applied(vet.lock(sale("S2", "c1", DAY, line("1", "food", "1", "20.00"))));
        applied(vet.lock(sale("S3", "c1", DAY, line("1", "food", "1", "40.00"))));
        applied(cards.settle(vet.next(), new Settle(sale("S4", "c1", DAY))));
        applied(vet.lock(sale("S4", "c1", DAY)));
        int before = history().size();

        Outcome refused = cards.unlock(vet.next(), new Unlock("S2"));

        rejected(refused, "CARD_SETTLED_SINCE");
        assertTrue(refused.rejections().get(0).message().contains("S4"), refused.rejections().get(0).message());
        assertEquals(before, history().size());
        // The later one first (4.00 back), then the earlier (3.00 back, S2's own 2.00 off): S1 and S3 are open.
        assertReversed(applied(vet.unlock("S4")), "S4", "4.00");
        assertEquals(List.of("S3/1=4.00"), linesOf(vet.card("c1")));
        assertReversed(applied(vet.unlock("S2")), "S2", "3.00");
        assertEquals(List.of("S1/1=1.00", "S3/1=4.00"), linesOf(vet.card("c1")));
        assertAmount("5.00", vet.card("c1").amount());
    }

    @Test
    @Tag("CC-6")
    void unlock_takesBackBothSettlementsOfOneDocumentTogether() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"))));
        applied(cards.settle(vet.next(), new Settle(sale("S9", "c1", DAY, line("1", "food", "1", "10.00")))));
        applied(vet.lock(sale("S2", "c1", DAY, line("1", "food", "1", "30.00"))));
        applied(cards.settle(vet.next(), new Settle(sale("S9", "c1", DAY, line("1", "food", "1", "10.00")))));
        applied(vet.lock(sale("S9", "c1", DAY, line("1", "food", "1", "10.00"))));

        Outcome o = applied(vet.unlock("S9"));

        // 2.00 (S1 and S9's own bag) and 3.00 (S2) back; S9's own 1.00 off.
        assertReversed(o, "S9", "5.00");
        assertEquals(List.of("S1/1=1.00", "S2/1=3.00"), linesOf(vet.card("c1")));
    }

    @Test
    @Tag("CC-6")
    @Tag("X-13")
    void unlock_ofASettlingDocumentWithAReturnStaysRefused() {
        sixBagsSettledOnS6();
        applied(cards.creditNote(vet.next(), new CreditNote("CN1", "S6", List.of(new ReturnLine("1", BigDecimal.ONE)))));
        int before = history().size();

        rejected(cards.unlock(vet.next(), new Unlock("S6")), "DOCUMENT_HAS_RETURNS");

        assertEquals(before, history().size());
    }

    @Test
    @Tag("CC-11")
    void unlock_forACustomerWhoStoppedPutsTheSettlementBackOnTheCardTheyKeep() {
        sixBagsSettledOnS6();
        applied(cards.withdraw(vet.next(), new CardRequests.Withdraw("c1")));

        assertReversed(applied(vet.unlock("S6")), "S6", "6.00");

        CardStatus kept = vet.card("c1");
        assertFalse(kept.enrolled());
        assertAmount("5.00", kept.amount());
        rejected(cards.settle(vet.next(), new Settle(sale("S8", "c1", day(8)))), "CUSTOMER_NOT_ENROLLED");
        // Joining again takes up the same card; S6, unlocked, is not counted until it is locked.
        applied(cards.enrol(vet.next(), new Enrol("c1")));
        assertAmount("5.00", vet.card("c1").amount());
    }

    @Test
    @Tag("CC-10")
    void unlock_afterThePercentageChangedGivesBackExactlyWhatWasSettledAndALockAgainEarnsTheSaleDatesPercentage() {
        sixBagsSettledOnS6();
        // From day 10 on the practice gives 20%; the bags were sold at 10%.
        applied(cards.configure(CommandContext.of(vet.practice, CardFixtures.CLERK, "k-twenty", day(10)),
                new Configure(new BigDecimal("20"), null, 5, null, null, false, null)));

        assertReversed(applied(vet.unlock("S6")), "S6", "6.00");
        assertAmount("5.00", vet.card("c1").amount());

        applied(vet.lock(bag("S6", day(6))));
        assertAmount("6.00", vet.card("c1").amount());
    }

    // ------------------------------------------------------------------ a document still being made

    @Test
    @Tag("CC-6")
    void cancelSettlement_onADocumentStillBeingMadeTakesItBackOnceAndTheDocumentCanChange() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"))));
        applied(cards.settle(vet.next(), new Settle(sale("S9", "c1", DAY, line("1", "food", "1", "30.00")))));
        int before = history().size();

        CommandContext ctx = vet.next();
        Outcome o = applied(cards.cancelSettlement(ctx, new CancelSettlement("S9")));

        // 4.00 back (S1's 1.00 and S9's own 3.00), S9's own 3.00 off again: S9 is not locked.
        assertReversed(o, "S9", "4.00");
        assertEquals(List.of("4.00", "-3.00"), since(before).stream().map(e -> e.amount().toPlainString()).toList());
        assertEquals(List.of("S1/1=1.00"), linesOf(vet.card("c1")));
        Outcome again = cards.cancelSettlement(ctx, new CancelSettlement("S9"));
        assertEquals(sequences(o), sequences(again));
        assertReversed(again, "S9", "4.00");
        rejected(cards.cancelSettlement(vet.next(), new CancelSettlement("S9")), "NO_SETTLEMENT");
        rejected(cards.unlock(vet.next(), new Unlock("S9")), "DOCUMENT_NOT_LOCKED");
        assertEquals(before + 2, history().size());

        // Nothing of S9 is paid out any more: it may be locked with its line changed, and goes on the card.
        applied(vet.lock(sale("S9", "c1", DAY, line("1", "food", "2", "50.00"))));
        assertEquals(List.of("S1/1=1.00", "S9/1=5.00"), linesOf(vet.card("c1")));
    }

    @Test
    @Tag("CC-6")
    void cancelSettlement_onALockedDocumentIsRefusedForItIsUnlocked() {
        sixBagsSettledOnS6();
        int before = history().size();

        rejected(cards.cancelSettlement(vet.next(), new CancelSettlement("S6")), "DOCUMENT_LOCKED");
        rejected(cards.cancelSettlement(vet.next(), new CancelSettlement("S1")), "DOCUMENT_LOCKED");

        assertEquals(before, history().size());
        assertReversed(applied(vet.unlock("S6")), "S6", "6.00");
    }

    @Test
    @Tag("X-10")
    void cancelSettlement_ofADocumentWithoutASettlementOrUnknownChangesNothing() {
        vet.foodAtTenPercentFor("c1");
        applied(vet.lock(sale("S1", "c1", DAY, line("1", "food", "1", "10.00"))));
        applied(vet.unlock("S1"));
        int before = history().size();

        rejected(cards.cancelSettlement(vet.next(), new CancelSettlement("S1")), "NO_SETTLEMENT");
        assertThrows(NoSuchEntityException.class, () -> cards.cancelSettlement(vet.next(), new CancelSettlement("S404")));

        assertEquals(before, history().size());
    }

    @Test
    @Tag("CC-8")
    void settledPlusOpenStaysTheSumOfTheLinesThroughSettlementAndReversal() {
        sixBagsSettledOnS6();
        applied(vet.lock(sale("S7", "c1", day(7), line("1", "food", "1", "25.00"))));
        applied(vet.unlock("S6"));
        applied(vet.lock(bag("S6", day(6))));

        BigDecimal settled = BigDecimal.ZERO;
        BigDecimal lines = BigDecimal.ZERO;
        for (CardEntry e : history()) {
            if (e.line() == null) {
                settled = settled.subtract(e.amount());
            } else {
                lines = lines.add(e.amount());
            }
        }
        // Nothing is settled any more; the six bags (6.00) and S7 (2.50) are open.
        assertAmount("0", settled);
        assertAmount("8.50", lines);
        assertAmount("8.50", vet.card("c1").amount());
        assertEquals(7, vet.card("c1").lines().stream().map(CardLine::document).distinct().count());
    }
}

package org.loyaltyengine.testing.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.pos.CardMovement;
import org.loyaltyengine.pos.CardStatement;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.pos.PosRequests.Refund;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.pos.ReceiptView;
import org.loyaltyengine.rules.facts.PosRefundShortfall;
import org.loyaltyengine.rules.facts.PosRefunded;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.LedgerInvariants;
import org.loyaltyengine.testing.MutableClock;

/**
 * Refunds of paid POS receipts (SPEC X-13 with PC-2..PC-7) proven through the public API: what the card's
 * credit paid for a refunded line goes back to the card, what a refunded top-up loaded comes off it, a
 * discounted line gives nothing back, each line once, and every refusal changes nothing. The expected figures
 * are the receipt's own prices and the card's ledger, never the refund's own result. Abstract so that every
 * store runs it: {@code PosRefundInMemoryTest} here, the JPA adapter's tests on its databases.
 */
@Tag("X-13")
public abstract class PosRefundContract {
    protected static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    /** Sells, defines cards and loads credit; refunds only where a test says so. */
    protected static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION,
            PosCards.SETTINGS_PERMISSION, PosCards.MANUAL_PERMISSION);
    /** The shift manager who refunds. */
    protected static final Actor MANAGER = Actor.of("manager-jan", PosCards.REFUND_PERMISSION);

    protected MutableClock clock;
    protected LoyaltyStore store;
    protected PosCards pos;
    protected TenantId shop;
    private final AtomicLong keys = new AtomicLong();

    /** The store under test; a new one, or a shared one (each test uses a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    @BeforeEach
    void setUpEngine() {
        clock = new MutableClock(Instant.parse("2026-03-14T09:00:00Z"));
        store = newStore();
        pos = LoyaltyEngine.builder().store(store).clock(clock).build().posCards();
        shop = TenantId.of("refund-" + UUID.randomUUID().toString().substring(0, 12));
    }

    // ------------------------------------------------------------------ fixtures

    private CommandContext next() {
        return CommandContext.of(shop, CASHIER, "k" + keys.incrementAndGet(), DAY);
    }

    private CommandContext asManager() {
        return CommandContext.of(shop, MANAGER, "r" + keys.incrementAndGet(), DAY);
    }

    private static Money czk(String amount) {
        return Money.of(amount, "CZK");
    }

    private void define(Card card) {
        applied(pos.defineCard(next(), card));
    }

    private void deposit(String card, String amount) {
        applied(pos.changeCredit(next(), new ChangeCredit(card, czk(amount), "initial deposit")));
    }

    /** A receipt opened with the card identified in the mode it chooses (none: no card). */
    private void open(String receipt, String card) {
        applied(pos.openReceipt(next(), new OpenReceipt(receipt, Money.currency("CZK"))));
        if (card != null) {
            applied(pos.identifyCard(next(), new IdentifyCard(receipt, card, null)));
        }
    }

    private void add(String receipt, String line, String price) {
        applied(pos.addItem(next(), AddItem.of(receipt, line, "item " + line, czk(price), "21")));
    }

    private void topUp(String receipt, String line, String amount) {
        applied(pos.addItem(next(), AddItem.topUp(receipt, line, czk(amount))));
    }

    private void pay(String receipt) {
        applied(pos.pay(next(), new PayReceipt(receipt)));
    }

    private Outcome refund(Refund refund) {
        return pos.refund(asManager(), refund);
    }

    private List<LedgerEntry> ledger(String card) {
        return LedgerInvariants.ledger(store, shop, account(card));
    }

    private AccountKey account(String card) {
        return PosCards.accountOf(pos.card(shop, card).orElseThrow());
    }

    private static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    private static void rejected(Outcome o, String code) {
        assertTrue(o.rejected(), () -> "expected " + code + ", was applied");
        assertEquals(List.of(code), o.reasonCodes().stream().distinct().toList(), () -> o.rejections().toString());
    }

    private static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + ", was " + actual);
    }

    /** Proves a refused refund changed nothing: card, ledger and receipt read back as before. */
    private void refusedChangingNothing(Refund refund, String code, String card) {
        CardStatement before = card == null ? null : pos.statement(shop, card);
        List<LedgerEntry> ledgerBefore = card == null ? null : ledger(card);
        ReceiptView receiptBefore = pos.receipt(shop, refund.receiptId());
        Outcome o = refund(refund);
        rejected(o, code);
        assertTrue(o.entries().isEmpty(), "a refused refund reports no entries");
        if (card != null) {
            assertEquals(before, pos.statement(shop, card));
            assertEquals(ledgerBefore, ledger(card));
        }
        assertEquals(receiptBefore, pos.receipt(shop, refund.receiptId()));
    }

    /** A receipt R1 on credit card 2001 (100.00 deposited) that drew 45.00 (line 1) and 5.00 (line 2), paid. */
    private void paidCreditReceipt() {
        define(PosCardContract.creditCard("2001"));
        deposit("2001", "100.00");
        open("R1", "2001");
        add("R1", "1", "45.00");
        add("R1", "2", "5.00");
        pay("R1");
        assertAmount("50.00", pos.statement(shop, "2001").credit());
    }

    // ------------------------------------------------------------------ giving back what was drawn (PC-5)

    @Test
    @Tag("PC-5")
    @Tag("PC-7")
    void refund_ofADrawnLine_givesItsDrawBackToTheCardAndTheStatementShowsIt() {
        paidCreditReceipt();
        clock.advance(Duration.ofMinutes(30));
        List<LedgerEntry> before = ledger("2001");

        Outcome o = applied(refund(Refund.lines("R1", "RF1", "1")));

        List<LedgerEntry> written = LedgerInvariants.written(before, ledger("2001"), "refund");
        LedgerInvariants.assertWroteWhatItReports(o, written, "refund");
        assertEquals(1, written.size());
        LedgerEntry back = written.get(0);
        assertEquals(EntryKind.REVERSE, back.kind());
        assertAmount("45.00", back.amount());
        assertEquals("R1", back.document());
        assertEquals("1", back.line());
        assertEquals("manager-jan", back.actor());
        PosRefunded done = o.result(PosRefunded.class).orElseThrow();
        assertEquals(List.of("1"), done.lines());
        assertAmount("45.00", done.givenBack());
        assertAmount("0", done.takenBack());

        CardStatement s = pos.statement(shop, "2001");
        assertAmount("95.00", s.credit());
        CardMovement m = s.movements().stream().filter(x -> x.kind() == CardMovement.Kind.REFUND).findFirst()
                .orElseThrow();
        assertAmount("45.00", m.amount());
        assertEquals("R1", m.receipt());
        assertEquals("1", m.line());
        assertEquals("manager-jan", m.user());
        assertEquals(clock.instant(), m.time());
        assertTrue(m.note().contains("RF1"), m::note);
        assertTrue(m.changesCredit());
        BigDecimal sum = s.movements().stream().filter(CardMovement::changesCredit).map(CardMovement::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertAmount(s.credit().toPlainString(), sum);

        ReceiptView r = pos.receipt(shop, "R1");
        assertEquals("PAID", r.status());
        assertTrue(r.refunded("1"));
        assertFalse(r.refunded("2"));
        ReceiptView.Refund shown = r.refunds().get(0);
        assertEquals("RF1", shown.refundId());
        assertEquals(List.of("1"), shown.lines());
        assertEquals("manager-jan", shown.user());
        assertEquals(DAY, shown.date());
        assertEquals(clock.instant(), shown.time());
        assertAmount("45.00", shown.givenBack());
        assertAmount("0", shown.takenBack());
    }

    @Test
    @Tag("PC-5")
    void refund_whole_takesEveryLineNotRefundedYet_andThenNothingMore() {
        paidCreditReceipt();
        applied(refund(Refund.lines("R1", "RF1", "2")));
        assertAmount("55.00", pos.statement(shop, "2001").credit());

        Outcome whole = applied(refund(Refund.whole("R1", "RF2")));
        assertEquals(List.of("1"), whole.result(PosRefunded.class).orElseThrow().lines());
        assertEquals(1, whole.entries().size());
        assertAmount("45.00", whole.entries().get(0).amount());
        // Everything the receipt drew is back: the deposit alone is left.
        assertAmount("100.00", pos.statement(shop, "2001").credit());
        assertEquals(List.of("RF1", "RF2"), pos.receipt(shop, "R1").refunds().stream().map(ReceiptView.Refund::refundId)
                .toList());

        refusedChangingNothing(Refund.whole("R1", "RF3"), "RECEIPT_ALREADY_REFUNDED", "2001");
    }

    @Test
    @Tag("PC-5")
    void refund_ofALineRefundedBefore_isRefusedAndChangesNothing() {
        paidCreditReceipt();
        applied(refund(Refund.lines("R1", "RF1", "1")));
        refusedChangingNothing(Refund.lines("R1", "RF2", "1"), "LINE_ALREADY_REFUNDED", "2001");
        // One refunded line among others refuses the whole refund: line 2 is not taken either.
        refusedChangingNothing(Refund.lines("R1", "RF2", "2", "1"), "LINE_ALREADY_REFUNDED", "2001");
        assertFalse(pos.receipt(shop, "R1").refunded("2"));
    }

    @Test
    void refund_retriedWithItsKey_givesTheStoredOutcomeAndWritesOnce() {
        paidCreditReceipt();
        CommandContext ctx = CommandContext.of(shop, MANAGER, "refund-RF1", DAY);
        Outcome first = applied(pos.refund(ctx, Refund.lines("R1", "RF1", "1")));
        List<LedgerEntry> after = ledger("2001");

        Outcome again = pos.refund(ctx, Refund.lines("R1", "RF1", "1"));

        assertEquals(first, again);
        assertEquals(after, ledger("2001"));
        assertAmount("95.00", pos.statement(shop, "2001").credit());
        assertThrows(IdempotencyConflictException.class, () -> pos.refund(ctx, Refund.lines("R1", "RF1", "2")));
        assertEquals(after, ledger("2001"));
    }

    @Test
    void refund_withAnIdUsedBefore_isRefused_evenForAnotherReceipt() {
        paidCreditReceipt();
        open("R2", "2001");
        add("R2", "1", "10.00");
        pay("R2");
        applied(refund(Refund.lines("R1", "RF1", "1")));
        refusedChangingNothing(Refund.lines("R1", "RF1", "2"), "REFUND_EXISTS", "2001");
        refusedChangingNothing(Refund.whole("R2", "RF1"), "REFUND_EXISTS", "2001");
    }

    // ------------------------------------------------------------------ taking back what a top-up loaded (PC-4)

    @Test
    @Tag("PC-4")
    void refund_ofATopUp_takesBackWhatItLoaded() {
        define(PosCardContract.creditCard("2001"));
        open("R1", "2001");
        topUp("R1", "1", "500.00");
        pay("R1");
        List<LedgerEntry> before = ledger("2001");

        Outcome o = applied(refund(Refund.whole("R1", "RF1")));

        List<LedgerEntry> written = LedgerInvariants.written(before, ledger("2001"), "refund");
        LedgerInvariants.assertWroteWhatItReports(o, written, "refund");
        assertEquals(1, written.size());
        assertEquals(EntryKind.REVERSE, written.get(0).kind());
        assertAmount("-500.00", written.get(0).amount());
        assertAmount("500.00", o.result(PosRefunded.class).orElseThrow().takenBack());
        assertAmount("0", pos.statement(shop, "2001").credit());
        assertAmount("500.00", pos.receipt(shop, "R1").refunds().get(0).takenBack());
    }

    @Test
    @Tag("PC-4")
    void refund_ofATopUpWhoseCreditWasSpent_isRefusedWithTheShortfall() {
        define(PosCardContract.creditCard("2001"));
        open("R1", "2001");
        topUp("R1", "1", "500.00");
        pay("R1");
        open("R2", "2001");
        add("R2", "1", "100.01");
        pay("R2");

        refusedChangingNothing(Refund.whole("R1", "RF1"), "CREDIT_ALREADY_SPENT", "2001");
        Outcome o = refund(Refund.whole("R1", "RF1"));
        PosRefundShortfall why = o.result(PosRefundShortfall.class).orElseThrow();
        assertAmount("500.00", why.takenBack());
        assertAmount("399.99", why.available());
        assertEquals("2001", why.cardNumber());
        assertFalse(pos.receipt(shop, "R1").refunded("1"));

        // Credit held on an open receipt is not there to take back either.
        applied(refund(Refund.whole("R2", "RF2")));
        open("R3", "2001");
        add("R3", "1", "0.01");
        refusedChangingNothing(Refund.whole("R1", "RF3"), "CREDIT_ALREADY_SPENT", "2001");
        applied(pos.abandon(next(), new AbandonReceipt("R3")));
        applied(refund(Refund.whole("R1", "RF3")));
        assertAmount("0", pos.statement(shop, "2001").credit());
    }

    @Test
    @Tag("PC-4")
    @Tag("PC-5")
    void refund_ofADrawAndATopUpTogether_countsWhatItGivesBackTowardWhatItTakesBack() {
        define(PosCardContract.creditCard("2001"));
        deposit("2001", "30.00");
        open("R1", "2001");
        add("R1", "1", "30.00");
        topUp("R1", "2", "50.00");
        pay("R1");
        // 30 deposited - 30 drawn + 50 loaded; a manual deduction spends 20 of the 50, 30 are left.
        applied(pos.changeCredit(next(), new ChangeCredit("2001", czk("-20.00"), "staff meal")));
        assertAmount("30.00", pos.statement(shop, "2001").credit());
        // The top-up alone would take back 50 of 30.
        refusedChangingNothing(Refund.lines("R1", "RF1", "2"), "CREDIT_ALREADY_SPENT", "2001");

        Outcome o = applied(refund(Refund.whole("R1", "RF1")));

        // 30 back for the draw, 50 off for the top-up.
        assertEquals(2, o.entries().size());
        assertAmount("-20.00", o.entries().stream().map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertAmount("10.00", pos.statement(shop, "2001").credit());
    }

    // ------------------------------------------------------------------ lines that gave the card nothing

    @Test
    @Tag("PC-3")
    void refund_ofADiscountedLine_givesNothingBackToTheCardButIsRecordedOnce() {
        define(PosCardContract.discountCard("1001", "10"));
        open("R1", "1001");
        add("R1", "1", "45.00");
        pay("R1");
        assertAmount("4.50", pos.receipt(shop, "R1").items().get(0).discount());

        Outcome o = applied(refund(Refund.lines("R1", "RF1", "1")));

        assertTrue(o.entries().isEmpty(), "the discount was never card value");
        assertAmount("0", o.result(PosRefunded.class).orElseThrow().givenBack());
        assertTrue(ledger("1001").isEmpty());
        assertTrue(pos.receipt(shop, "R1").refunded("1"));
        refusedChangingNothing(Refund.lines("R1", "RF2", "1"), "LINE_ALREADY_REFUNDED", "1001");
    }

    @Test
    @Tag("PC-2")
    void refund_ofAReceiptWhoseCardWasRemoved_givesBackOnlyWhatTheCardPaid() {
        define(PosCardContract.creditCard("2001"));
        deposit("2001", "100.00");
        open("R1", "2001");
        add("R1", "1", "30.00");
        applied(pos.removeCard(next(), new RemoveCard("R1")));
        add("R1", "2", "20.00");
        pay("R1");
        assertAmount("70.00", pos.statement(shop, "2001").credit());

        Outcome o = applied(refund(Refund.whole("R1", "RF1")));

        assertEquals(List.of("1", "2"), o.result(PosRefunded.class).orElseThrow().lines());
        assertEquals(1, o.entries().size());
        assertAmount("30.00", o.entries().get(0).amount());
        assertAmount("100.00", pos.statement(shop, "2001").credit());
    }

    @Test
    void refund_ofAReceiptWithoutACard_isRecordedWithNothingMoved() {
        open("R1", null);
        add("R1", "1", "12.00");
        pay("R1");
        Outcome o = applied(refund(Refund.whole("R1", "RF1")));
        assertTrue(o.entries().isEmpty());
        assertEquals(List.of("1"), pos.receipt(shop, "R1").refunds().get(0).lines());
        refusedChangingNothing(Refund.whole("R1", "RF2"), "RECEIPT_ALREADY_REFUNDED", null);
    }

    // ------------------------------------------------------------------ refused

    @Test
    void refund_ofAReceiptNotPaid_isRefused() {
        paidCreditReceipt();
        open("OPEN1", "2001");
        add("OPEN1", "1", "10.00");
        refusedChangingNothing(Refund.whole("OPEN1", "RF1"), "RECEIPT_NOT_PAID", "2001");
        refusedChangingNothing(Refund.lines("OPEN1", "RF1", "1"), "RECEIPT_NOT_PAID", "2001");
        applied(pos.abandon(next(), new AbandonReceipt("OPEN1")));
        refusedChangingNothing(Refund.whole("OPEN1", "RF1"), "RECEIPT_NOT_PAID", "2001");
    }

    @Test
    void refund_ofADeletedLine_isRefused_andAReceiptWithNoLineSoldHasNothingToRefund() {
        define(PosCardContract.creditCard("2001"));
        deposit("2001", "100.00");
        open("R1", "2001");
        add("R1", "1", "30.00");
        add("R1", "2", "20.00");
        applied(pos.deleteItem(next(), new DeleteItem("R1", "2")));
        pay("R1");
        refusedChangingNothing(Refund.lines("R1", "RF1", "2"), "LINE_DELETED", "2001");
        refusedChangingNothing(Refund.lines("R1", "RF1", "1", "2"), "LINE_DELETED", "2001");
        Outcome whole = applied(refund(Refund.whole("R1", "RF1")));
        assertEquals(List.of("1"), whole.result(PosRefunded.class).orElseThrow().lines());
        assertAmount("100.00", pos.statement(shop, "2001").credit());

        open("R2", "2001");
        add("R2", "1", "5.00");
        applied(pos.deleteItem(next(), new DeleteItem("R2", "1")));
        pay("R2");
        refusedChangingNothing(Refund.whole("R2", "RF2"), "NOTHING_TO_REFUND", "2001");
    }

    @Test
    void refund_ofAnUnknownReceiptOrLine_isATypedErrorAndStoresNothing() {
        paidCreditReceipt();
        List<LedgerEntry> before = ledger("2001");
        List<StoredOutcome> outcomes = outcomes();
        NoSuchEntityException line = assertThrows(NoSuchEntityException.class,
                () -> refund(Refund.lines("R1", "RF1", "1", "9")));
        assertEquals("NO_SUCH_RECEIPT_LINE", line.code());
        NoSuchEntityException receipt = assertThrows(NoSuchEntityException.class, () -> refund(Refund.whole("R9", "RF1")));
        assertEquals("NO_SUCH_RECEIPT", receipt.code());
        assertEquals(before, ledger("2001"));
        assertEquals(outcomes, outcomes());
        assertTrue(pos.receipt(shop, "R1").refunds().isEmpty());
    }

    @Test
    void refund_request_refusesHostileInputBeforeAnythingRuns() {
        assertThrows(InvalidValueException.class, () -> Refund.lines("R1", "RF1", "1", "1"));
        assertThrows(InvalidValueException.class, () -> new Refund("R1", "RF1", null));
        assertThrows(InvalidValueException.class, () -> new Refund("R1", " ", List.of()));
        assertThrows(InvalidValueException.class, () -> new Refund("R1", "RF1", Collections.singletonList(null)));
        List<String> many = new ArrayList<>();
        for (int i = 0; i <= Refund.MAX_LINES; i++) {
            many.add("l" + i);
        }
        assertThrows(InvalidValueException.class, () -> new Refund("R1", "RF1", many));
        assertTrue(Refund.whole("R1", "RF1").whole());
        assertFalse(Refund.lines("R1", "RF1", "1").whole());
    }

    @Test
    @Tag("X-8")
    void refund_needsTheRefundPermission_andRecordsItsActor() {
        paidCreditReceipt();
        List<LedgerEntry> before = ledger("2001");
        Outcome refused = pos.refund(next(), Refund.whole("R1", "RF1"));
        rejected(refused, "PERMISSION_REQUIRED");
        assertEquals(before, ledger("2001"));
        assertTrue(pos.receipt(shop, "R1").refunds().isEmpty());

        Outcome done = applied(refund(Refund.whole("R1", "RF1")));
        assertEquals("manager-jan", done.actor());
        assertTrue(done.entries().stream().allMatch(e -> e.actor().equals("manager-jan")));
    }

    @Test
    @Tag("X-5")
    void refund_twoRefundsOfOneLineAtOnce_oneTakesIt() throws Exception {
        paidCreditReceipt();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Outcome>> both = List.of(() -> refund(Refund.lines("R1", "RF1", "1")),
                    () -> refund(Refund.lines("R1", "RF2", "1")));
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> f : threads.invokeAll(both)) {
                outcomes.add(f.get());
            }
            assertEquals(1, outcomes.stream().filter(Outcome::applied).count(), outcomes::toString);
            rejected(outcomes.stream().filter(Outcome::rejected).findFirst().orElseThrow(), "LINE_ALREADY_REFUNDED");
        } finally {
            threads.shutdownNow();
        }
        assertAmount("95.00", pos.statement(shop, "2001").credit());
        assertEquals(1, pos.receipt(shop, "R1").refunds().size());
    }

    private List<StoredOutcome> outcomes() {
        return store.inTransaction(shop, tx -> tx.outcomes().all());
    }
}

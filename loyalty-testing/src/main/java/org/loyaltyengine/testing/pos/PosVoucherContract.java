package org.loyaltyengine.testing.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.CardList;
import org.loyaltyengine.pos.CardMovement;
import org.loyaltyengine.pos.CardStatement;
import org.loyaltyengine.pos.ExpiredVouchers;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.CardMode;
import org.loyaltyengine.pos.PosRequests.CardSearch;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.pos.ReceiptView;
import org.loyaltyengine.rules.facts.PosItemReservation;
import org.loyaltyengine.rules.facts.PosVoucherExpired;
import org.loyaltyengine.rules.facts.PosVoucherPartDraw;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StaleWriteException;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.MutableClock;

/**
 * Vouchers and gift certificates on the POS card program (seed 004, SPEC PC-8, PC-12), proven through the
 * public API: a voucher's last valid day, what an expiry does and does not do to its value, and a voucher that
 * pays part of an item. Abstract so that every store runs it: {@code PosVoucherInMemoryTest} in this library's
 * tests, the JPA adapter's nested suite on its databases.
 */
public abstract class PosVoucherContract {
    /** The voucher's last valid day in these tests. */
    protected static final LocalDate LAST_DAY = LocalDate.of(2026, 3, 31);
    protected static final LocalDate DAY_AFTER = LAST_DAY.plusDays(1);
    protected static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION,
            PosCards.SETTINGS_PERMISSION, PosCards.MANUAL_PERMISSION);

    protected MutableClock clock;
    protected LoyaltyEngine engine;
    protected LoyaltyStore store;
    protected PosCards pos;
    protected TenantId shop;
    private final AtomicLong keys = new AtomicLong();

    /** The store under test; a new one, or a shared one (each test uses a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    @BeforeEach
    void setUpEngine() {
        // The engine's clock (what the reads call today) starts on the voucher's last valid day.
        clock = new MutableClock(Instant.parse("2026-03-31T09:00:00Z"));
        store = newStore();
        engine = LoyaltyEngine.builder().store(store).clock(clock).build();
        pos = engine.posCards();
        shop = TenantId.of("shop-" + UUID.randomUUID().toString().substring(0, 12));
    }

    // ------------------------------------------------------------------ fixtures that read like the POS

    /** A command of the cashier on a business date. */
    protected CommandContext on(LocalDate day) {
        return CommandContext.of(shop, CASHIER, "v" + keys.incrementAndGet(), day);
    }

    protected static Money czk(String amount) {
        return Money.of(amount, "CZK");
    }

    /** A gift certificate valid up to and including {@code validUntil} (null: no expiry). */
    protected static Card giftCertificate(String number, LocalDate validUntil) {
        return Card.voucher(number, "Gift", "Certificate", Money.currency("CZK"), validUntil);
    }

    protected static Card creditCard(String number) {
        return new Card(number, "Petr", "Svoboda", BigDecimal.ZERO, true, true, Money.currency("CZK"));
    }

    protected void define(Card card) {
        applied(pos.defineCard(on(LAST_DAY), card));
    }

    /** A voucher sold for {@code amount}: loaded through a receipt's credit item, as the manual sells credit. */
    protected void sell(Card voucher, String amount) {
        define(voucher);
        String receipt = "SALE-" + voucher.number();
        open(receipt, LAST_DAY);
        applied(pos.identifyCard(on(LAST_DAY), new IdentifyCard(receipt, voucher.number(), null)));
        applied(pos.addItem(on(LAST_DAY), AddItem.topUp(receipt, "1", czk(amount))));
        applied(pos.pay(on(LAST_DAY), new PayReceipt(receipt)));
    }

    protected void open(String receipt, LocalDate day) {
        applied(pos.openReceipt(on(day), new OpenReceipt(receipt, Money.currency("CZK"))));
    }

    protected Outcome identify(String receipt, String card, LocalDate day) {
        return pos.identifyCard(on(day), new IdentifyCard(receipt, card, null));
    }

    protected Outcome add(String receipt, String line, String price, LocalDate day) {
        return pos.addItem(on(day), AddItem.of(receipt, line, "item " + line, czk(price), "21"));
    }

    protected CardStatement statement(String card) {
        return pos.statement(shop, card);
    }

    protected static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    protected static Outcome rejected(Outcome o, String code) {
        assertTrue(o.rejected(), () -> "expected rejection " + code + ", was applied");
        assertEquals(List.of(code), o.reasonCodes());
        assertTrue(o.entries().isEmpty() && o.holds().isEmpty(), () -> "a rejection changed something: " + o);
        return o;
    }

    protected static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + ", was " + actual);
    }

    private static ReceiptView.Item item(ReceiptView view, String line) {
        return view.items().stream().filter(i -> i.lineId().equals(line)).findFirst().orElseThrow();
    }

    private List<CardMovement> creditMovements(String card) {
        return statement(card).movements().stream().filter(CardMovement::changesCredit).toList();
    }

    // ------------------------------------------------------------------ PC-12 the last valid day

    @Test
    @Tag("PC-12")
    @Tag("PC-8")
    void voucher_isDrawnOnItsLastValidDay_andRefusedTheDayAfter_namingWhatItStillHolds() {
        sell(giftCertificate("GIFT-1", LAST_DAY), "500.00");
        open("R1", LAST_DAY);
        applied(identify("R1", "GIFT-1", LAST_DAY));
        applied(add("R1", "1", "200.00", LAST_DAY));
        applied(pos.pay(on(LAST_DAY), new PayReceipt("R1")));
        List<CardMovement> before = statement("GIFT-1").movements();

        open("R2", DAY_AFTER);
        Outcome refused = rejected(identify("R2", "GIFT-1", DAY_AFTER), "VOUCHER_EXPIRED");
        String message = refused.rejections().get(0).message();
        assertTrue(message.contains("300.00") && message.contains("2026-03-31"), message);
        PosVoucherExpired why = refused.result(PosVoucherExpired.class).orElseThrow();
        assertEquals("GIFT-1", why.cardNumber());
        assertEquals(LAST_DAY, why.validUntil());
        assertEquals(DAY_AFTER, why.businessDate());
        assertAmount("300.00", why.remaining());
        assertAmount("0", why.held());
        assertEquals("CZK", why.currency());
        // Refused, and nothing changed: the receipt has no card, the voucher still holds its value.
        assertNull(pos.receipt(shop, "R2").cardNumber());
        assertEquals(before, statement("GIFT-1").movements());
        assertAmount("300.00", statement("GIFT-1").credit());
    }

    @Test
    @Tag("PC-12")
    void expiredVoucher_isRefusedInEveryMode() {
        Card discountVoucher = new Card("GIFT-2", "Gift", "Certificate", new BigDecimal("10"), true, true,
                Money.currency("CZK"), Card.Kind.VOUCHER, LAST_DAY);
        define(discountVoucher);
        for (CardMode mode : CardMode.values()) {
            String receipt = "R-" + mode;
            open(receipt, DAY_AFTER);
            rejected(pos.identifyCard(on(DAY_AFTER), new IdentifyCard(receipt, "GIFT-2", mode)), "VOUCHER_EXPIRED");
        }
    }

    @Test
    @Tag("PC-12")
    void voucherWithoutExpiry_andOrdinaryCard_neverExpire() {
        sell(giftCertificate("GIFT-3", null), "100.00");
        sell(creditCard("2001"), "100.00");
        LocalDate years = LocalDate.of(2190, 1, 1);
        clock.advance(Duration.between(clock.instant(), Instant.parse("2190-01-01T09:00:00Z")));
        for (String card : List.of("GIFT-3", "2001")) {
            open("R-" + card, years);
            applied(identify("R-" + card, card, years));
            applied(add("R-" + card, "1", "10.00", years));
            assertFalse(statement(card).expired());
        }
        assertTrue(pos.expiredVouchers(shop, years).vouchers().isEmpty());
    }

    @Test
    @Tag("PC-12")
    void statementAndCardList_showAnExpiredVoucherWithItsRemainingValue() {
        sell(giftCertificate("GIFT-4", LAST_DAY), "250.00");
        sell(giftCertificate("GIFT-5", DAY_AFTER), "80.00");
        sell(creditCard("2001"), "40.00");

        // Today is the last valid day: nothing is expired yet.
        assertFalse(statement("GIFT-4").expired());
        assertTrue(pos.cards(shop, CardSearch.all(10)).cards().stream().noneMatch(CardList.Row::expired));
        assertTrue(pos.expiredVouchers(shop, LAST_DAY).vouchers().isEmpty());

        clock.advance(Duration.ofDays(1));
        CardStatement expired = statement("GIFT-4");
        assertTrue(expired.expired());
        assertAmount("250.00", expired.credit());
        assertAmount("250.00", expired.available());
        assertFalse(statement("GIFT-5").expired());
        assertFalse(statement("2001").expired());

        CardList list = pos.cards(shop, CardSearch.all(10));
        assertEquals(List.of("2001", "GIFT-4", "GIFT-5"), list.cards().stream().map(r -> r.card().number()).toList());
        assertEquals(List.of(false, true, false), list.cards().stream().map(CardList.Row::expired).toList());
        assertAmount("250.00", list.cards().get(1).credit());

        ExpiredVouchers gone = pos.expiredVouchers(shop, DAY_AFTER);
        assertEquals(DAY_AFTER, gone.on());
        assertEquals(List.of("GIFT-4"), gone.vouchers().stream().map(r -> r.card().number()).toList());
        assertTrue(gone.vouchers().get(0).expired());
        assertAmount("250.00", gone.remaining("CZK"));
        assertAmount("0", gone.remaining("EUR"));
        ExpiredVouchers later = pos.expiredVouchers(shop, DAY_AFTER.plusDays(1));
        assertEquals(List.of("GIFT-4", "GIFT-5"), later.vouchers().stream().map(r -> r.card().number()).toList());
        assertAmount("330.00", later.remaining("CZK"));
    }

    @Test
    @Tag("PC-12")
    void expiry_booksNothing_theValueStaysUntilTheShopWritesItOffOrExtendsTheVoucher() {
        sell(giftCertificate("GIFT-6", LAST_DAY), "120.00");
        sell(giftCertificate("GIFT-7", LAST_DAY), "90.00");
        List<CardMovement> sold = creditMovements("GIFT-6");
        clock.advance(Duration.ofDays(30));
        LocalDate month = LAST_DAY.plusDays(30);
        assertEquals(sold, creditMovements("GIFT-6"), "an expiry must book nothing");
        assertAmount("120.00", statement("GIFT-6").credit());

        // Written off: a manual deduction with its note and user, the only entry after the sale.
        applied(pos.changeCredit(on(month), new ChangeCredit("GIFT-6", czk("-120.00"), "expired voucher written off")));
        List<CardMovement> after = creditMovements("GIFT-6");
        assertEquals(sold.size() + 1, after.size());
        CardMovement writeOff = after.get(after.size() - 1);
        assertEquals(CardMovement.Kind.MANUAL, writeOff.kind());
        assertAmount("-120.00", writeOff.amount());
        assertEquals("cashier-eva", writeOff.user());
        assertAmount("0", statement("GIFT-6").credit());

        // Extended: defined again with a later last day, it draws as before.
        define(giftCertificate("GIFT-7", month));
        open("R1", month);
        applied(identify("R1", "GIFT-7", month));
        applied(add("R1", "1", "90.00", month));
        applied(pos.pay(on(month), new PayReceipt("R1")));
        assertAmount("0", statement("GIFT-7").credit());
        assertAmount("0", pos.expiredVouchers(shop, month).remaining("CZK"));
    }

    @Test
    @Tag("PC-12")
    void voucherExpiringOnAnOpenReceipt_addsNothingMore_butWhatItReservedWhileValidIsPaid() {
        sell(giftCertificate("GIFT-8", LAST_DAY), "100.00");
        open("R1", LAST_DAY);
        applied(identify("R1", "GIFT-8", LAST_DAY));
        applied(add("R1", "1", "40.00", LAST_DAY));
        applied(add("R1", "2", "25.00", LAST_DAY));

        // Past midnight the voucher takes no more items; the refusal names what it holds and what is held.
        Outcome refused = rejected(add("R1", "3", "10.00", DAY_AFTER), "VOUCHER_EXPIRED");
        PosVoucherExpired why = refused.result(PosVoucherExpired.class).orElseThrow();
        assertAmount("100.00", why.remaining());
        assertAmount("65.00", why.held());
        assertAmount("35.00", why.available());
        assertTrue(refused.rejections().get(0).message().contains("100.00"));
        rejected(pos.addItem(on(DAY_AFTER), AddItem.topUp("R1", "4", czk("50.00"))), "VOUCHER_EXPIRED");

        // Deleting a reserved item gives exactly its reservation back to the (expired) voucher.
        Outcome deleted = applied(pos.deleteItem(on(DAY_AFTER), new DeleteItem("R1", "2")));
        assertEquals(1, deleted.holds().size());
        assertEquals(HoldState.RELEASED, deleted.holds().get(0).state());
        assertAmount("25.00", deleted.holds().get(0).amount());
        assertAmount("40.00", statement("GIFT-8").held());

        // The cashier removes the voucher and goes on; the items it reserved while valid are paid from it.
        applied(pos.removeCard(on(DAY_AFTER), new RemoveCard("R1")));
        applied(add("R1", "5", "10.00", DAY_AFTER));
        Outcome paid = applied(pos.pay(on(DAY_AFTER), new PayReceipt("R1")));
        assertEquals(1, paid.entries().size());
        assertEquals(EntryKind.CAPTURE, paid.entries().get(0).kind());
        assertAmount("-40.00", paid.entries().get(0).amount());
        CardStatement s = statement("GIFT-8");
        assertAmount("60.00", s.credit());
        assertAmount("0", s.held());
        ReceiptView receipt = pos.receipt(shop, "R1");
        assertAmount("40.00", receipt.fromCredit());
        assertAmount("10.00", receipt.total());
    }

    @Test
    @Tag("PC-12")
    void voucherExpiringOnAnOpenReceipt_abandonGivesItsReservationsBack() {
        sell(giftCertificate("GIFT-9", LAST_DAY), "100.00");
        open("R1", LAST_DAY);
        applied(identify("R1", "GIFT-9", LAST_DAY));
        applied(add("R1", "1", "70.00", LAST_DAY));
        applied(pos.abandon(on(DAY_AFTER), new AbandonReceipt("R1")));
        CardStatement s = statement("GIFT-9");
        assertAmount("100.00", s.credit());
        assertAmount("0", s.held());
        assertAmount("100.00", pos.expiredVouchers(shop, DAY_AFTER).remaining("CZK"));
    }

    @Test
    @Tag("PC-12")
    void expiredVoucher_isNotLoadedAtPayment() {
        define(giftCertificate("GIFT-10", LAST_DAY));
        open("R1", LAST_DAY);
        applied(identify("R1", "GIFT-10", LAST_DAY));
        applied(pos.addItem(on(LAST_DAY), AddItem.topUp("R1", "1", czk("300.00"))));
        Outcome refused = rejected(pos.pay(on(DAY_AFTER), new PayReceipt("R1")), "VOUCHER_EXPIRED");
        assertTrue(refused.rejections().get(0).message().contains("line 1"), refused.rejections().toString());
        assertEquals("OPEN", pos.receipt(shop, "R1").status());
        assertAmount("0", statement("GIFT-10").credit());
        // Paid on the last valid day it is loaded.
        applied(pos.pay(on(LAST_DAY), new PayReceipt("R1")));
        assertAmount("300.00", statement("GIFT-10").credit());
    }

    // ------------------------------------------------------------------ PC-12 part payment

    @Test
    @Tag("PC-12")
    @Tag("PC-8")
    void voucher_paysWhatItHasTowardsAnItem_theRestStaysToPay() {
        sell(giftCertificate("GIFT-11", null), "300.00");
        open("R1", LAST_DAY);
        applied(identify("R1", "GIFT-11", LAST_DAY));
        applied(add("R1", "1", "250.00", LAST_DAY));
        Outcome part = applied(add("R1", "2", "120.00", LAST_DAY));

        PosVoucherPartDraw draw = part.result(PosVoucherPartDraw.class).orElseThrow();
        assertEquals("R1", draw.receiptId());
        assertEquals("2", draw.lineId());
        assertEquals("GIFT-11", draw.cardNumber());
        assertAmount("120.00", draw.price());
        assertAmount("50.00", draw.drawn());
        assertAmount("70.00", draw.stillToPay());
        assertAmount("50.00", part.result(PosItemReservation.class).orElseThrow().reserved());
        assertEquals(1, part.holds().size());
        assertAmount("50.00", part.holds().get(0).amount());
        assertAmount("0", statement("GIFT-11").available());

        ReceiptView view = pos.receipt(shop, "R1");
        ReceiptView.Item second = item(view, "2");
        assertTrue(second.drawn());
        assertTrue(second.partlyDrawn());
        assertAmount("50.00", second.fromCredit());
        assertAmount("70.00", second.toPay());
        assertFalse(item(view, "1").partlyDrawn());
        assertAmount("0", item(view, "1").toPay());
        assertAmount("300.00", view.fromCredit());
        assertAmount("70.00", view.total());

        Outcome paid = applied(pos.pay(on(LAST_DAY), new PayReceipt("R1")));
        assertAmount("-300.00", paid.entries().stream().map(e -> e.amount()).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertAmount("0", statement("GIFT-11").credit());
        ReceiptView after = pos.receipt(shop, "R1");
        assertAmount("50.00", item(after, "2").fromCredit());
        assertAmount("70.00", after.total());
    }

    @Test
    @Tag("PC-12")
    void partDraw_deletingTheItemReturnsExactlyWhatWasDrawn() {
        sell(giftCertificate("GIFT-12", null), "33.33");
        open("R1", LAST_DAY);
        applied(identify("R1", "GIFT-12", LAST_DAY));
        applied(add("R1", "1", "100.00", LAST_DAY));
        Outcome deleted = applied(pos.deleteItem(on(LAST_DAY), new DeleteItem("R1", "1")));
        assertAmount("33.33", deleted.holds().get(0).amount());
        CardStatement s = statement("GIFT-12");
        assertAmount("33.33", s.credit());
        assertAmount("33.33", s.available());
        ReceiptView view = pos.receipt(shop, "R1");
        assertAmount("0", view.fromCredit());
        assertAmount("0", view.total());
        // What it gave back it draws again, part of the next item.
        Outcome again = applied(add("R1", "2", "50.00", LAST_DAY));
        assertAmount("16.67", again.result(PosVoucherPartDraw.class).orElseThrow().stillToPay());
    }

    @Test
    @Tag("PC-12")
    void partDraw_abandonReleasesIt() {
        sell(giftCertificate("GIFT-13", null), "20.00");
        open("R1", LAST_DAY);
        applied(identify("R1", "GIFT-13", LAST_DAY));
        applied(add("R1", "1", "45.00", LAST_DAY));
        Outcome abandoned = applied(pos.abandon(on(LAST_DAY), new AbandonReceipt("R1")));
        assertEquals(HoldState.RELEASED, abandoned.holds().get(0).state());
        assertAmount("20.00", abandoned.holds().get(0).amount());
        assertAmount("20.00", statement("GIFT-13").available());
        assertTrue(abandoned.entries().isEmpty());
    }

    @Test
    @Tag("PC-12")
    void usedUpVoucher_drawsNothing_andTheItemIsRefused() {
        sell(giftCertificate("GIFT-14", null), "20.00");
        open("R1", LAST_DAY);
        applied(identify("R1", "GIFT-14", LAST_DAY));
        applied(add("R1", "1", "20.00", LAST_DAY));
        Outcome refused = rejected(add("R1", "2", "5.00", LAST_DAY), "INSUFFICIENT_CREDIT");
        assertTrue(refused.result(PosVoucherPartDraw.class).isEmpty());
        assertEquals(1, pos.receipt(shop, "R1").items().size());
    }

    @Test
    @Tag("PC-12")
    @Tag("PC-5")
    void ordinaryCreditCard_stillRefusesAnItemItsCreditCannotCover() {
        sell(creditCard("2001"), "30.00");
        open("R1", LAST_DAY);
        applied(identify("R1", "2001", LAST_DAY));
        Outcome refused = rejected(add("R1", "1", "30.01", LAST_DAY), "INSUFFICIENT_CREDIT");
        assertTrue(refused.result(PosVoucherPartDraw.class).isEmpty());
        assertAmount("30.00", statement("2001").available());
    }

    @Test
    @Tag("PC-12")
    void partDraw_dryRunShowsTheSplitAndChangesNothing() {
        sell(giftCertificate("GIFT-15", null), "10.00");
        open("R1", LAST_DAY);
        applied(identify("R1", "GIFT-15", LAST_DAY));
        Outcome preview = applied(pos.addItem(on(LAST_DAY).asDryRun(), AddItem.of("R1", "1", "tea", czk("12.00"), "21")));
        assertAmount("2.00", preview.result(PosVoucherPartDraw.class).orElseThrow().stillToPay());
        assertAmount("10.00", statement("GIFT-15").available());
        assertTrue(pos.receipt(shop, "R1").items().isEmpty());
    }

    // ------------------------------------------------------------------ PC-12 the voucher as stored

    @Test
    @Tag("PC-12")
    void voucher_isStoredWithItsKindAndLastDay_andRedefinedOnEveryStore() {
        Card voucher = giftCertificate("GIFT-16", LAST_DAY);
        define(voucher);
        assertEquals(voucher, pos.card(shop, "GIFT-16").orElseThrow());
        Card extended = giftCertificate("GIFT-16", LocalDate.of(2199, 12, 31));
        define(extended);
        assertEquals(extended, pos.card(shop, "GIFT-16").orElseThrow());
        Card open = giftCertificate("GIFT-16", null);
        define(open);
        assertEquals(open, pos.card(shop, "GIFT-16").orElseThrow());
        Card ordinary = new Card("GIFT-16", "Gift", "Certificate", BigDecimal.ZERO, true, true, Money.currency("CZK"));
        define(ordinary);
        assertEquals(Card.Kind.CARD, pos.card(shop, "GIFT-16").orElseThrow().kind());
        assertNull(pos.card(shop, "GIFT-16").orElseThrow().validUntil());
    }

    @Test
    @Tag("PC-12")
    void cardUpdate_comparesTheKindAndLastDayOfTheCardRead() {
        Card voucher = giftCertificate("GIFT-17", LAST_DAY);
        define(voucher);
        Card staleRead = giftCertificate("GIFT-17", DAY_AFTER);
        Card asCard = new Card("GIFT-17", "Gift", "Certificate", BigDecimal.ZERO, true, true, Money.currency("CZK"));
        assertThrows(StaleWriteException.class, () -> store.inTransaction(shop, tx -> {
            tx.cards().update(staleRead, giftCertificate("GIFT-17", null));
            return null;
        }));
        assertThrows(StaleWriteException.class, () -> store.inTransaction(shop, tx -> {
            tx.cards().update(asCard, giftCertificate("GIFT-17", null));
            return null;
        }));
        assertEquals(voucher, pos.card(shop, "GIFT-17").orElseThrow());
    }

    @Test
    @Tag("PC-12")
    @Tag("X-10")
    void hostileVoucherFields_areTypedErrors_andChangeNothing() {
        InvalidValueException onACard = assertThrows(InvalidValueException.class, () -> new Card("1001", "Jana",
                "Nováková", BigDecimal.TEN, false, false, Money.currency("CZK"), Card.Kind.CARD, LAST_DAY));
        assertEquals("INVALID_VALUE", onACard.code());
        assertTrue(onACard.getMessage().contains("VOUCHER"), onACard.getMessage());
        InvalidValueException noKind = assertThrows(InvalidValueException.class, () -> new Card("1001", "Jana",
                "Nováková", BigDecimal.TEN, false, false, Money.currency("CZK"), null, null));
        assertEquals("INVALID_VALUE", noKind.code());
        for (LocalDate outside : List.of(LocalDate.MIN, LocalDate.MAX, LocalDate.of(1899, 12, 31),
                LocalDate.of(2200, 1, 1))) {
            InvalidValueException e = assertThrows(InvalidValueException.class,
                    () -> giftCertificate("GIFT-18", outside));
            assertEquals("INVALID_VALUE", e.code());
        }
        assertThrows(InvalidValueException.class, () -> Card.voucher("GIFT-18", "Gift", "Certificate", null, LAST_DAY));
        assertThrows(InvalidValueException.class, () -> giftCertificate("GIFT-18", LAST_DAY).expiredOn(null));
        // The earliest and the latest day a store keeps are accepted and read back as written.
        for (LocalDate edge : List.of(LocalDate.of(1900, 1, 1), LocalDate.of(2199, 12, 31))) {
            Card v = giftCertificate("EDGE-" + edge.getYear(), edge);
            define(v);
            assertEquals(v, pos.card(shop, v.number()).orElseThrow());
        }
        assertTrue(pos.card(shop, "GIFT-18").isEmpty());
        assertThrows(InvalidValueException.class, () -> pos.expiredVouchers(shop, LocalDate.MAX));
        assertThrows(InvalidValueException.class, () -> pos.expiredVouchers(shop, null));
    }
}

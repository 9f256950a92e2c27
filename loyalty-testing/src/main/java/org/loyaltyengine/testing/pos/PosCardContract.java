package org.loyaltyengine.testing.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.loyaltyengine.pos.CardList;
import org.loyaltyengine.pos.CardMovement;
import org.loyaltyengine.pos.CardStatement;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.CardMode;
import org.loyaltyengine.pos.PosRequests.CardSearch;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.Configure;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.pos.ReceiptView;
import org.loyaltyengine.rules.facts.PosCardIdentified;
import org.loyaltyengine.rules.facts.PosItemDiscount;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.Interleaving;
import org.loyaltyengine.testing.MutableClock;

/**
 * The POS card program (seed 004) proven through the public API. Abstract so that every store runs
 * it: {@link PosCardInMemoryTest} here, the JPA adapter's tests on its databases.
 */
public abstract class PosCardContract {
    protected static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    /** The suite's cashier also manages the cards and settings; PermissionsContract proves each permission. */
    protected static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION,
            PosCards.SETTINGS_PERMISSION, PosCards.MANUAL_PERMISSION);

    protected MutableClock clock;
    protected LoyaltyEngine engine;
    /** The store the engine runs on, for what a host writes straight into it. */
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
        engine = LoyaltyEngine.builder().store(store).clock(clock).build();
        pos = engine.posCards();
        shop = TenantId.of("shop-" + UUID.randomUUID().toString().substring(0, 12));
    }

    // ------------------------------------------------------------------ fixtures that read like the POS

    protected CommandContext next() {
        return CommandContext.of(shop, CASHIER, "k" + keys.incrementAndGet(), DAY);
    }

    protected static Money czk(String amount) {
        return Money.of(amount, "CZK");
    }

    protected static Card discountCard(String number, String percent) {
        return new Card(number, "Jana", "Nováková", new BigDecimal(percent), false, false, Money.currency("CZK"));
    }

    protected static Card creditCard(String number) {
        return new Card(number, "Petr", "Svoboda", BigDecimal.ZERO, true, true, Money.currency("CZK"));
    }

    protected Outcome define(Card card) {
        return applied(pos.defineCard(next(), card));
    }

    protected void open(String receipt) {
        applied(pos.openReceipt(next(), new OpenReceipt(receipt, Money.currency("CZK"))));
    }

    protected Outcome identify(String receipt, String card) {
        return pos.identifyCard(next(), new IdentifyCard(receipt, card, null));
    }

    protected Outcome add(String receipt, String line, String price) {
        return pos.addItem(next(), AddItem.of(receipt, line, "item " + line, czk(price), "21"));
    }

    protected Outcome pay(String receipt) {
        return pos.pay(next(), new PayReceipt(receipt));
    }

    protected Outcome topUpManually(String card, String amount) {
        return applied(pos.changeCredit(next(), new ChangeCredit(card, czk(amount), "initial deposit")));
    }

    protected CardStatement statement(String card) {
        return pos.statement(shop, card);
    }

    protected static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    /** The discount the outcome's typed result gives the item, as written ("5.00"), or null if it decided none. */
    protected static String discount(Outcome o) {
        return o.result(PosItemDiscount.class).map(d -> d.discount().toPlainString()).orElse(null);
    }

    protected static void rejected(Outcome o, String code) {
        assertTrue(o.rejected(), () -> "expected rejection " + code + ", was applied");
        assertTrue(o.reasonCodes().contains(code), () -> "expected " + code + ", was " + o.reasonCodes());
        o.rejections().forEach(r -> assertFalse(r.message().isBlank()));
    }

    protected static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + ", was " + actual);
    }

    // ------------------------------------------------------------------ PC-1 cards

    @Test
    @Tag("PC-1")
    void defineCard_keepsNamesNumberPercentAndModes() {
        Card card = new Card("1001", "Jana", "Nováková", new BigDecimal("7.5"), true, false, Money.currency("CZK"));
        define(card);
        assertEquals(card, pos.card(shop, "1001").orElseThrow());
        Card changed = new Card("1001", "Jana", "Dvořáková", new BigDecimal("10"), false, true, Money.currency("CZK"));
        define(changed);
        assertEquals(changed, pos.card(shop, "1001").orElseThrow());
    }

    @Test
    @Tag("PC-2")
    @Tag("X-5")
    void identifyCard_concurrentCardsOnOneReceiptActivateExactlyOne() throws Exception {
        List<Callable<Outcome>> identifications = new ArrayList<>();
        open("R1");
        for (int i = 1; i <= 6; i++) {
            String number = "300" + i;
            define(discountCard(number, "10"));
            CommandContext ctx = next();
            identifications.add(() -> pos.identifyCard(ctx, new IdentifyCard("R1", number, null)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(identifications.size());
        List<Outcome> outcomes = new ArrayList<>();
        try {
            // Each card locks its own account, so only the receipt stands between them.
            for (Future<Outcome> f : pool.invokeAll(identifications)) {
                outcomes.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, outcomes.stream().filter(Outcome::applied).count(), outcomes::toString);
        outcomes.stream().filter(Outcome::rejected).forEach(o -> rejected(o, "ONE_CARD_PER_RECEIPT"));
    }

    @Test
    @Tag("PC-3")
    @Tag("X-5")
    void addItem_whileTheCardIsIdentifiedOnItsReceiptIsDecidedAsBeforeOrAfterIt() throws Exception {
        // The item reads the receipt (no card yet) to learn which card account to lock, so it locks
        // none; the card identified meanwhile is on the receipt it reads after the lock. It must decide
        // as if it came before or after the identification, not fail on a card whose account it did not lock.
        Interleaving interleaving = new Interleaving(store);
        PosCards raced = LoyaltyEngine.builder().store(interleaving).clock(clock).build().posCards();
        // Through the engine under test, so that its rules are compiled before the race starts.
        applied(raced.defineCard(next(), discountCard("1001", "10")));
        applied(raced.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK"))));
        CommandContext theirs = next();
        Future<Outcome> identified = interleaving.once(Interleaving.Point.BEFORE_LOCK,
                () -> raced.identifyCard(theirs, new IdentifyCard("R1", "1001", null)));
        Outcome item = raced.addItem(next(), AddItem.of("R1", "1", "item 1", czk("100.00"), "21"));
        applied(identified.get(30, java.util.concurrent.TimeUnit.SECONDS));
        // One after the other, either way round: before the card no discount, after it the card's 10%.
        String discount = discount(applied(item));
        assertTrue(discount == null || discount.equals("10.00"), () -> "discount " + discount);
        assertAmount(discount == null ? "0" : discount, pos.receipt(shop, "R1").items().get(0).discount());
    }

    @Test
    @Tag("PC-1")
    @Tag("X-5")
    void defineCard_concurrentDefinitionsOfOneNewCardAllApplyAndMakeOneCard() throws Exception {
        List<Callable<Outcome>> definitions = new ArrayList<>();
        List<Card> defined = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            Card card = discountCard("2001", Integer.toString(i));
            CommandContext ctx = next();
            defined.add(card);
            definitions.add(() -> pos.defineCard(ctx, card));
        }
        ExecutorService pool = Executors.newFixedThreadPool(definitions.size());
        try {
            // As one after the other: the first creates the card, every later one changes it.
            for (Future<Outcome> f : pool.invokeAll(definitions)) {
                applied(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(defined.contains(pos.card(shop, "2001").orElseThrow()));
    }

    @Test
    @Tag("PC-1")
    @Tag("X-10")
    void defineCard_refusesBadValuesTyped() {
        assertThrows(InvalidValueException.class, () -> new Card("1", "A", "B", new BigDecimal("101"), false, false,
                Money.currency("CZK")));
        assertThrows(InvalidValueException.class, () -> new Card("1", "A", "B", new BigDecimal("-1"), false, false,
                Money.currency("CZK")));
        assertThrows(InvalidValueException.class, () -> new Card(" ", "A", "B", BigDecimal.ONE, false, false,
                Money.currency("CZK")));
        assertThrows(InvalidValueException.class, () -> Money.currency("XYZ1"));
        define(discountCard("1001", "10"));
        Card inEuro = new Card("1001", "Jana", "Nováková", BigDecimal.TEN, false, false, Money.currency("EUR"));
        assertThrows(CurrencyMismatchException.class, () -> pos.defineCard(next(), inEuro));
        assertEquals(Money.currency("CZK"), pos.card(shop, "1001").orElseThrow().currency());
    }

    // ------------------------------------------------------------------ PC-2 one card, before the items

    @Test
    @Tag("PC-2")
    void identifyCard_itemsBeforeTheCardGetNoDiscount() {
        define(discountCard("1001", "10"));
        open("R1");
        applied(add("R1", "1", "100.00"));
        applied(identify("R1", "1001"));
        Outcome after = applied(add("R1", "2", "100.00"));
        assertEquals("10.00", discount(after));
        ReceiptView r = pos.receipt(shop, "R1");
        assertAmount("0", r.items().get(0).discount());
        assertAmount("10.00", r.items().get(1).discount());
        assertAmount("190.00", r.total());
    }

    @Test
    @Tag("PC-2")
    void identifyCard_aSecondCardIsRefusedEvenAfterRemoval() {
        define(discountCard("1001", "10"));
        define(discountCard("1002", "20"));
        open("R1");
        applied(identify("R1", "1001"));
        rejected(identify("R1", "1002"), "ONE_CARD_PER_RECEIPT");
        rejected(identify("R1", "1001"), "CARD_ALREADY_ACTIVE");
        applied(pos.removeCard(next(), new RemoveCard("R1")));
        rejected(identify("R1", "1002"), "ONE_CARD_PER_RECEIPT");
        assertEquals("1001", pos.receipt(shop, "R1").cardNumber());
    }

    @Test
    @Tag("PC-2")
    void removeCard_stopsTheDiscountForLaterItems() {
        define(discountCard("1001", "10"));
        open("R1");
        applied(identify("R1", "1001"));
        assertEquals("5.00", discount(applied(add("R1", "1", "50.00"))));
        applied(pos.removeCard(next(), new RemoveCard("R1")));
        assertNull(discount(applied(add("R1", "2", "50.00"))));
        rejected(pos.removeCard(next(), new RemoveCard("R1")), "NO_ACTIVE_CARD");
        // the same card identified again works again for what follows
        applied(identify("R1", "1001"));
        assertEquals("5.00", discount(applied(add("R1", "3", "50.00"))));
        assertAmount("140.00", pos.receipt(shop, "R1").total());
    }

    @Test
    @Tag("PC-2")
    @Tag("X-10")
    void identifyCard_unknownCardOrReceiptIsATypedError() {
        open("R1");
        NoSuchEntityException card = assertThrows(NoSuchEntityException.class, () -> identify("R1", "9999"));
        assertEquals("NO_SUCH_CARD", card.code());
        NoSuchEntityException receipt = assertThrows(NoSuchEntityException.class, () -> add("R404", "1", "1.00"));
        assertEquals("NO_SUCH_RECEIPT", receipt.code());
        assertFalse(pos.receipt(shop, "R1").cardActive());
    }

    // ------------------------------------------------------------------ PC-3 discount mode

    @Test
    @Tag("PC-3")
    void addItem_getsTheCardPercentageRoundedHalfUp() {
        define(discountCard("1001", "15"));
        open("R1");
        applied(identify("R1", "1001"));
        assertEquals("5.00", discount(applied(add("R1", "1", "33.33")))); // 4.9995
        assertEquals("0.01", discount(applied(add("R1", "2", "0.07")))); // 0.0105
        assertEquals("DISCOUNT", pos.receipt(shop, "R1").cardMode());
        Outcome paid = applied(pay("R1"));
        assertTrue(paid.entries().isEmpty(), "a discount card moves no credit");
        assertAmount("28.39", pos.receipt(shop, "R1").total());
    }

    // ------------------------------------------------------------------ PC-4 top-up

    @Test
    @Tag("PC-4")
    void topUpItem_loadsTheCardWhenTheReceiptIsPaid() {
        define(creditCard("2001"));
        open("R1");
        applied(identify("R1", "2001"));
        applied(pos.addItem(next(), AddItem.topUp("R1", "1", czk("500.00"))));
        assertAmount("0", statement("2001").credit());
        Outcome paid = applied(pay("R1"));
        assertEquals(1, paid.entries().size());
        assertEquals(EntryKind.TOP_UP, paid.entries().get(0).kind());
        assertAmount("500.00", statement("2001").credit());
    }

    @Test
    @Tag("PC-4")
    void topUpItem_needsZeroVatAndALoadableCard() {
        define(creditCard("2001"));
        define(discountCard("1001", "10"));
        open("R1");
        rejected(pos.addItem(next(), AddItem.topUp("R1", "1", czk("100.00"))), "NO_CARD_TO_LOAD");
        applied(identify("R1", "2001"));
        rejected(pos.addItem(next(), new AddItem("R1", "1", "credit", czk("100.00"), true, new BigDecimal("21"), null)),
                "CREDIT_ITEM_VAT_NOT_ZERO");
        open("R2");
        applied(identify("R2", "1001"));
        rejected(pos.addItem(next(), AddItem.topUp("R2", "1", czk("100.00"))), "CARD_NOT_LOADABLE");
        assertTrue(pos.receipt(shop, "R1").items().isEmpty());
        assertTrue(pos.receipt(shop, "R2").items().isEmpty());
    }

    @Test
    @Tag("PC-4")
    @Tag("PC-7")
    void changeCredit_manualTopUpAndDeductionCarryNoteAndUser() {
        define(creditCard("2001"));
        applied(pos.changeCredit(CommandContext.of(shop, Actor.of("manager-jan", PosCards.MANUAL_PERMISSION), "m1", DAY),
                new ChangeCredit("2001", czk("300.00"), "initial deposit")));
        applied(pos.changeCredit(next(), new ChangeCredit("2001", czk("-50.00"), "staff meal")));
        rejected(pos.changeCredit(next(), new ChangeCredit("2001", czk("-250.01"), "too much")), "INSUFFICIENT_CREDIT");
        CardStatement s = statement("2001");
        assertAmount("250.00", s.credit());
        assertEquals(2, s.movements().size());
        CardMovement first = s.movements().get(0);
        assertEquals(CardMovement.Kind.MANUAL, first.kind());
        assertEquals("manager-jan", first.user());
        assertEquals("initial deposit", first.note());
        assertEquals("staff meal", s.movements().get(1).note());
        assertThrows(InvalidValueException.class, () -> new ChangeCredit("2001", czk("10.00"), " "));
        assertThrows(InvalidValueException.class, () -> new ChangeCredit("2001", czk("0.00"), "nothing"));
    }

    // ------------------------------------------------------------------ PC-5 credit drawing

    @Test
    @Tag("PC-5")
    void addItem_reservesDeleteReturnsPayMakesFinal() {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        Outcome identified = applied(identify("R1", "2001"));
        assertEquals(CardMode.CREDIT, identified.result(PosCardIdentified.class).orElseThrow().mode());
        Outcome reserved = applied(add("R1", "1", "30.00"));
        assertEquals(HoldState.PENDING, reserved.holds().get(0).state());
        applied(add("R1", "2", "20.00"));
        CardStatement during = statement("2001");
        assertAmount("100.00", during.credit());
        assertAmount("50.00", during.held());
        assertAmount("50.00", during.available());
        applied(pos.deleteItem(next(), new DeleteItem("R1", "2")));
        assertAmount("70.00", statement("2001").available());
        Outcome paid = applied(pay("R1"));
        assertEquals(List.of(EntryKind.CAPTURE), paid.entries().stream().map(e -> e.kind()).toList());
        CardStatement after = statement("2001");
        assertAmount("70.00", after.credit());
        assertAmount("0", after.held());
        rejected(add("R1", "3", "1.00"), "RECEIPT_NOT_OPEN");
    }

    @Test
    @Tag("PC-5")
    void addItem_beyondTheAvailableCreditIsRefusedAndChangesNothing() {
        define(creditCard("2001"));
        topUpManually("2001", "40.00");
        open("R1");
        applied(identify("R1", "2001"));
        applied(add("R1", "1", "30.00"));
        CardStatement before = statement("2001");
        Outcome refused = add("R1", "2", "10.01");
        rejected(refused, "INSUFFICIENT_CREDIT");
        assertTrue(refused.rejections().get(0).message().contains("10.00"), refused.rejections().get(0).message());
        assertTrue(refused.entries().isEmpty() && refused.holds().isEmpty());
        assertEquals(before, statement("2001"));
        assertEquals(1, pos.receipt(shop, "R1").items().size());
        applied(add("R1", "2", "10.00"));
        assertAmount("0", statement("2001").available());
    }

    @Test
    @Tag("PC-5")
    void abandon_releasesEveryReservation() {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        applied(identify("R1", "2001"));
        applied(add("R1", "1", "30.00"));
        applied(add("R1", "2", "20.00"));
        Outcome abandoned = applied(pos.abandon(next(), new AbandonReceipt("R1")));
        assertEquals(2, abandoned.holds().size());
        assertTrue(abandoned.holds().stream().allMatch(h -> h.state() == HoldState.RELEASED));
        CardStatement s = statement("2001");
        assertAmount("100.00", s.credit());
        assertAmount("100.00", s.available());
        assertEquals("ABANDONED", pos.receipt(shop, "R1").status());
        rejected(pay("R1"), "RECEIPT_NOT_OPEN");
    }

    @Test
    @Tag("PC-5")
    void expireHolds_returnsReservationsPastTheirTime() {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        applied(pos.configure(next(), new Configure(30)));
        open("R1");
        applied(identify("R1", "2001"));
        applied(add("R1", "1", "30.00"));
        clock.advance(Duration.ofMinutes(29));
        assertTrue(applied(pos.expireHolds(next())).holds().isEmpty());
        assertAmount("70.00", statement("2001").available());
        clock.advance(Duration.ofMinutes(1));
        Outcome swept = applied(pos.expireHolds(next()));
        assertEquals(HoldState.EXPIRED, swept.holds().get(0).state());
        assertAmount("100.00", statement("2001").available());
        // paying afterwards would hand the item over for nothing: refused until the cashier reserves again
        rejected(pay("R1"), "RESERVATION_EXPIRED");
        assertAmount("100.00", statement("2001").credit());
    }

    @Test
    @Tag("PC-5")
    void expireHolds_andAnAbandonOfTheReceiptMeanwhileSettleEachReservationOnce() throws Exception {
        // The abandon runs while the sweep has read the overdue reservation and is about to lock the
        // card's account: the receipt's lock keeps them one after the other, so the reservation is
        // expired by the sweep or released by the abandon, never both, and neither fails.
        Interleaving race = new Interleaving(newStore());
        LoyaltyEngine raced = LoyaltyEngine.builder().store(race).clock(clock).build();
        PosCards till = raced.posCards();
        applied(till.defineCard(next(), creditCard("2001")));
        applied(till.changeCredit(next(), new ChangeCredit("2001", czk("100.00"), "initial deposit")));
        applied(till.configure(next(), new Configure(30)));
        applied(till.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK"))));
        applied(till.identifyCard(next(), new IdentifyCard("R1", "2001", null)));
        applied(till.addItem(next(), AddItem.of("R1", "1", "item 1", czk("30.00"), "21")));
        clock.advance(Duration.ofMinutes(30));
        CommandContext abandonKey = next();

        java.util.concurrent.Future<Outcome> abandoned = race.once(Interleaving.Point.BEFORE_LOCK,
                () -> till.abandon(abandonKey, new AbandonReceipt("R1")));
        Outcome swept = till.expireHolds(next());

        Outcome theirs = abandoned.get(30, java.util.concurrent.TimeUnit.SECONDS);
        applied(swept);
        applied(theirs);
        long settlements = swept.holds().size() + theirs.holds().size();
        assertEquals(1, settlements, "the one reservation settled by " + swept.holds() + " and " + theirs.holds());
        CardStatement s = till.statement(shop, "2001");
        assertAmount("100.00", s.credit());
        assertAmount("100.00", s.available());
    }

    @Test
    @Tag("PC-5")
    void pay_aReceiptWhoseReservationExpiredIsRefusedUntilTheItemIsReservedAgain() {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        applied(identify("R1", "2001"));
        applied(add("R1", "1", "30.00"));
        applied(add("R1", "2", "20.00"));
        clock.advance(Duration.ofHours(13));
        assertEquals(2, applied(pos.expireHolds(next())).holds().size());
        CardStatement before = statement("2001");

        Outcome refused = pay("R1");
        rejected(refused, "RESERVATION_EXPIRED");
        assertTrue(refused.entries().isEmpty() && refused.holds().isEmpty());
        assertEquals(java.util.Set.of(true), refused.rejections().stream().map(r -> r.message().contains("line 1")
                || r.message().contains("line 2")).collect(java.util.stream.Collectors.toSet()));
        assertEquals(2, refused.rejections().size());
        assertEquals("OPEN", pos.receipt(shop, "R1").status());
        assertEquals(before, statement("2001"));

        // What the message tells the cashier: delete the lines and add them again, which reserves anew.
        applied(pos.deleteItem(next(), new DeleteItem("R1", "1")));
        applied(pos.deleteItem(next(), new DeleteItem("R1", "2")));
        applied(add("R1", "3", "30.00"));
        Outcome paid = applied(pay("R1"));
        assertEquals(1, paid.entries().size());
        assertAmount("-30.00", paid.entries().get(0).amount());
        assertAmount("70.00", statement("2001").credit());
        assertAmount("0", statement("2001").held());
    }

    @Test
    @Tag("PC-5")
    void pay_atTheMomentTheReservationRunsOutIsRefusedAsIfTheSweepHadRun() {
        // The sweep expires a reservation whose time has come (expires at or before now); a payment at
        // that moment must not capture it only because the sweep has not run yet.
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        applied(identify("R1", "2001"));
        applied(add("R1", "1", "30.00"));
        // The default hold time of pos-card v1 (setting.holdMinutes=720): the program is not configured here.
        clock.advance(Duration.ofHours(12));
        CardStatement before = statement("2001");

        rejected(pay("R1"), "RESERVATION_EXPIRED");
        assertEquals(before, statement("2001"));
        assertEquals("OPEN", pos.receipt(shop, "R1").status());

        assertEquals(1, applied(pos.expireHolds(next())).holds().size());
        rejected(pay("R1"), "RESERVATION_EXPIRED");
        assertAmount("100.00", statement("2001").credit());
        assertAmount("0", statement("2001").held());
    }

    @Test
    @Tag("PC-5")
    @Tag("X-6")
    void refusedCommands_carryNoValuesThatReadAsApplied() {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        applied(identify("R1", "2001"));
        applied(add("R1", "1", "30.00"));

        Outcome sameLine = add("R1", "1", "30.00");
        rejected(sameLine, "LINE_EXISTS");
        assertEquals(java.util.Map.of(), sameLine.values());
        assertTrue(sameLine.holds().isEmpty() && sameLine.entries().isEmpty());

        applied(pos.removeCard(next(), new RemoveCard("R1")));
        Outcome discount = pos.addItem(next(), AddItem.of("R1", "2", "cake", czk("10.00"), "15").withManualDiscount("50"));
        rejected(discount, "DISCOUNT_WITH_CREDIT_DRAWING");
        assertEquals(java.util.Map.of(), discount.values());

        Outcome mode = pos.identifyCard(next(), new IdentifyCard("R1", "2001", CardMode.DISCOUNT));
        rejected(mode, "DISCOUNT_WITH_CREDIT_DRAWING");
        assertEquals(java.util.Map.of(), mode.values());
        assertEquals("CREDIT", pos.receipt(shop, "R1").cardMode());
        assertAmount("30.00", statement("2001").held());
    }

    @Test
    @Tag("PC-5")
    void receipt_whatIsDrawnFromTheCardIsNotPaidAgainAtTheTill() {
        // A host charges the customer the receipt's total; an item drawn from the card's credit is paid
        // by the card, so charging it at the till as well would take its price twice.
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        applied(add("R1", "1", "12.00"));        // before the card: paid at the till
        applied(identify("R1", "2001"));
        applied(add("R1", "2", "30.00"));        // drawn from the credit
        applied(pos.addItem(next(), AddItem.topUp("R1", "3", czk("50.00")))); // a top-up is paid at the till

        ReceiptView open = pos.receipt(shop, "R1");
        assertAmount("30.00", open.fromCredit());
        assertAmount("62.00", open.total());
        assertTrue(open.items().stream().filter(i -> i.lineId().equals("2")).allMatch(ReceiptView.Item::drawn));

        Outcome paid = applied(pay("R1"));
        ReceiptView after = pos.receipt(shop, "R1");
        assertAmount("62.00", after.total());
        assertAmount("30.00", after.fromCredit());
        assertAmount("120.00", statement("2001").credit()); // 100 - 30 drawn + 50 loaded
        assertEquals(2, paid.entries().size());

        // A reservation that expired draws nothing: its item is not shown as paid by the card.
        open("R2");
        applied(identify("R2", "2001"));
        applied(add("R2", "1", "20.00"));
        clock.advance(Duration.ofHours(13));
        applied(pos.expireHolds(next()));
        assertAmount("0", pos.receipt(shop, "R2").fromCredit());
        assertAmount("20.00", pos.receipt(shop, "R2").total());
    }

    @Test
    @Tag("PC-1")
    @Tag("PC-5")
    void defineCard_switchingCreditDrawingOffStopsTheDrawsOfAReceiptTheCardIsAlreadyOn() {
        // A card reported lost is switched off by the card manager; the receipt it is identified on must
        // not go on drawing its credit, nor load it once loading was switched off.
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        applied(identify("R1", "2001"));
        applied(add("R1", "1", "10.00"));
        applied(pos.addItem(next(), AddItem.topUp("R1", "2", czk("50.00"))));
        define(new Card("2001", "Petr", "Svoboda", BigDecimal.ZERO, false, false, Money.currency("CZK")));

        Outcome draw = add("R1", "3", "20.00");
        rejected(draw, "CREDIT_DRAWING_NOT_ENABLED");
        assertTrue(draw.holds().isEmpty());
        assertAmount("10.00", statement("2001").held());

        Outcome load = pay("R1");
        rejected(load, "CARD_NOT_LOADABLE");
        assertAmount("100.00", statement("2001").credit());

        // What was reserved while drawing was allowed is still paid by the card once the credit item goes.
        applied(pos.deleteItem(next(), new DeleteItem("R1", "2")));
        Outcome paid = applied(pay("R1"));
        assertEquals(1, paid.entries().size());
        assertAmount("90.00", statement("2001").credit());
        assertAmount("0", statement("2001").held());
    }

    @Test
    @Tag("PC-5")
    @Tag("X-10")
    void configure_holdMinutesOutsideOneMinuteToOneWeekIsATypedErrorNamingTheSetting() {
        for (long minutes : new long[] {0, -1, 10_081, 1_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE}) {
            InvalidValueException e = assertThrows(InvalidValueException.class, () -> new Configure(minutes));
            assertTrue(e.getMessage().contains("holdMinutes") && e.getMessage().contains("1")
                    && e.getMessage().contains("10080"), e.getMessage());
        }
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        applied(pos.configure(next(), new Configure(10_080)));
        open("R1");
        applied(identify("R1", "2001"));
        applied(add("R1", "1", "30.00"));
        clock.advance(Duration.ofMinutes(10_079));
        assertTrue(applied(pos.expireHolds(next())).holds().isEmpty());
        clock.advance(Duration.ofMinutes(1));
        assertEquals(HoldState.EXPIRED, applied(pos.expireHolds(next())).holds().get(0).state());
    }

    @Test
    @Tag("PC-5")
    @Tag("X-10")
    void addItem_aStoredHoldTimeBeyondAnyRangeIsATypedErrorNotAHoldThatExpiredBeforeItWasPlaced() {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        // A setting written before the range existed, or by a host straight into its store.
        store.inTransaction(shop, tx -> {
            tx.settings().put(PosCards.PROGRAM, tx.settings().of(PosCards.PROGRAM), java.util.Map.of("holdMinutes", Long.toString(Long.MAX_VALUE)));
            return null;
        });
        open("R1");
        applied(identify("R1", "2001"));
        InvalidValueException e = assertThrows(InvalidValueException.class, () -> add("R1", "1", "30.00"));
        assertTrue(e.getMessage().contains("holdMinutes") && e.getMessage().contains("10080"), e.getMessage());
        assertAmount("100.00", statement("2001").available());
        assertTrue(pos.receipt(shop, "R1").items().isEmpty());
        // what needs no reservation still works, and configuring again is the way out
        applied(pos.abandon(next(), new AbandonReceipt("R1")));
        applied(pos.configure(next(), new Configure(60)));
        open("R2");
        applied(identify("R2", "2001"));
        assertEquals(1, applied(add("R2", "1", "30.00")).holds().size());
    }

    @Test
    @Tag("PC-5")
    @Tag("X-10")
    void addItem_aRuleAskingForAHoldBeyondAYearIsATypedErrorAndWritesNothing(@org.junit.jupiter.api.io.TempDir
                                                                                java.nio.file.Path dir)
            throws java.io.IOException {
        // A rule version (a host's own, say) whose reservation lives Long.MAX_VALUE minutes: minutes * 60
        // would wrap into a hold that expired before it was placed.
        for (java.util.Map.Entry<String, String> f : org.loyaltyengine.RuleSource.defaults().only("pos-card/v1").files()
                .entrySet()) {
            java.nio.file.Path target = dir.resolve(f.getKey());
            java.nio.file.Files.createDirectories(target.getParent());
            java.nio.file.Files.writeString(target, f.getValue().replace("$s.holdMinutes());", "Long.MAX_VALUE);"));
        }
        LoyaltyEngine hostile = LoyaltyEngine.builder().store(newStore()).clock(clock)
                .rules(org.loyaltyengine.RuleSource.folder(dir)).build();
        PosCards shopPos = hostile.posCards();
        applied(shopPos.defineCard(next(), creditCard("2001")));
        applied(shopPos.changeCredit(next(), new ChangeCredit("2001", czk("100.00"), "deposit")));
        applied(shopPos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK"))));
        applied(shopPos.identifyCard(next(), new IdentifyCard("R1", "2001", null)));
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> shopPos.addItem(next(), AddItem.of("R1", "1", "wine", czk("30.00"), "21")));
        assertTrue(e.getMessage().contains("minutes"), e.getMessage());
        CardStatement s = shopPos.statement(shop, "2001");
        assertAmount("100.00", s.available());
        assertAmount("0", s.held());
        assertTrue(shopPos.receipt(shop, "R1").items().isEmpty());
        assertTrue(applied(shopPos.expireHolds(next())).holds().isEmpty());
    }

    // ------------------------------------------------------------------ PC-9 the card list

    @Test
    @Tag("PC-9")
    void cards_listsEveryCardByNumberWithItsCreditAndPages() {
        define(discountCard("1003", "10"));
        define(creditCard("1001"));
        define(new Card("1002", "Jiří", "Dvořák", BigDecimal.ZERO, true, true, Money.currency("CZK")));
        topUpManually("1001", "250.00");
        open("R1");
        applied(identify("R1", "1001"));
        applied(add("R1", "1", "40.00"));

        CardList first = pos.cards(shop, CardSearch.all(2));
        assertEquals(List.of("1001", "1002"), first.cards().stream().map(r -> r.card().number()).toList());
        assertEquals(3, first.total());
        assertTrue(first.hasMore());
        CardList.Row petr = first.cards().get(0);
        assertEquals("Svoboda", petr.card().lastName());
        assertAmount("250.00", petr.credit());
        assertAmount("40.00", petr.held());
        assertAmount("210.00", petr.available());
        assertAmount("0", first.cards().get(1).credit());

        CardList second = pos.cards(shop, CardSearch.all(2).next());
        assertEquals(List.of("1003"), second.cards().stream().map(r -> r.card().number()).toList());
        assertEquals(2, second.offset());
        assertFalse(second.hasMore());
        CardList beyond = pos.cards(shop, new CardSearch(null, 10, 2));
        assertTrue(beyond.cards().isEmpty());
        assertEquals(3, beyond.total());
    }

    @Test
    @Tag("PC-9")
    void cards_searchesByNumberAndNameIgnoringCaseAndDiacritics() {
        define(discountCard("5501", "10"));
        define(creditCard("7701"));
        define(new Card("5502", "Jiří", "Dvořák", BigDecimal.ZERO, true, true, Money.currency("CZK")));

        assertEquals(List.of("5501", "5502"), numbers(pos.cards(shop, CardSearch.matching("55", 10))));
        assertEquals(List.of("5501"), numbers(pos.cards(shop, CardSearch.matching("novakova", 10))));
        assertEquals(List.of("5501"), numbers(pos.cards(shop, CardSearch.matching("JANA NOV", 10))));
        assertEquals(List.of("5502"), numbers(pos.cards(shop, CardSearch.matching("dvořák jiří", 10))));
        assertEquals(List.of("7701"), numbers(pos.cards(shop, CardSearch.matching("svob", 10))));
        CardList none = pos.cards(shop, CardSearch.matching("nikdo", 10));
        assertTrue(none.cards().isEmpty());
        assertEquals(0, none.total());
        assertEquals(3, pos.cards(shop, CardSearch.matching("  ", 10)).total(), "a blank search lists every card");
        // another shop's cards are not in the list
        assertEquals(0, pos.cards(TenantId.of("shop-other-" + UUID.randomUUID().toString().substring(0, 8)),
                CardSearch.all(10)).total());
    }

    @Test
    @Tag("PC-9")
    void cardSearch_refusesAPageThatIsNoPageWithATypedError() {
        assertThrows(InvalidValueException.class, () -> new CardSearch(null, -1, 10));
        assertThrows(InvalidValueException.class, () -> new CardSearch(null, 0, 0));
        assertThrows(InvalidValueException.class, () -> new CardSearch(null, 0, CardSearch.MAX_LIMIT + 1));
        assertThrows(InvalidValueException.class, () -> new CardSearch("a\u0000b", 0, 10));
        assertThrows(InvalidValueException.class, () -> pos.cards(shop, null));
    }

    private static List<String> numbers(CardList list) {
        return list.cards().stream().map(r -> r.card().number()).toList();
    }

    // ------------------------------------------------------------------ PC-10 a discount after a loaded amount

    @Test
    @Tag("PC-10")
    void identifyCard_inDiscountModeNeedsLoadedCreditOnlyWhereTheShopSaysSo() {
        define(discountCard("1001", "10"));
        open("R1");
        applied(identify("R1", "1001"));
        assertEquals("10.00", discount(applied(add("R1", "1", "100.00"))), "by default a discount card needs no credit");

        applied(pos.configure(next(), new Configure(720, false, true)));
        open("R2");
        Outcome refused = identify("R2", "1001");
        rejected(refused, "DISCOUNT_NEEDS_CREDIT");
        assertTrue(refused.rejections().get(0).message().contains("load an amount"), refused.rejections().get(0).message());
        assertNull(pos.receipt(shop, "R2").cardNumber(), "a refused identification binds no card");
        assertTrue(pos.receipt(shop, "R1").cardActive(), "a card already active keeps working");
        assertEquals("5.00", discount(applied(add("R1", "2", "50.00"))));

        topUpManually("1001", "200.00");
        applied(identify("R2", "1001"));
        assertEquals("10.00", discount(applied(add("R2", "1", "100.00"))));
        assertAmount("200.00", statement("1001").credit()); // a discount draws nothing from the loaded credit

        applied(pos.changeCredit(next(), new ChangeCredit("1001", czk("-200.00"), "returned deposit")));
        open("R3");
        rejected(identify("R3", "1001"), "DISCOUNT_NEEDS_CREDIT");
    }

    // ------------------------------------------------------------------ PC-11 the mode of a card with both

    protected static Card bothCard(String number) {
        return new Card(number, "Eva", "Malá", new BigDecimal("10"), true, true, Money.currency("CZK"));
    }

    @Test
    @Tag("PC-11")
    void identifyCard_withoutAModeSaysTheRulesChoseCreditAndTheReceiptShowsIt() {
        define(bothCard("3001"));
        topUpManually("3001", "100.00");
        open("R1");
        PosCardIdentified identified = applied(identify("R1", "3001")).result(PosCardIdentified.class).orElseThrow();
        assertEquals(CardMode.CREDIT, identified.mode());
        assertFalse(identified.chosen(), "no mode was asked for: the rules chose it");
        assertEquals("CREDIT", pos.receipt(shop, "R1").cardMode());
        Outcome item = applied(add("R1", "1", "30.00"));
        assertNull(discount(item), "credit mode gives no discount");
        assertEquals(1, item.holds().size());

        open("R2");
        PosCardIdentified asked = applied(pos.identifyCard(next(), new IdentifyCard("R2", "3001", CardMode.DISCOUNT)))
                .result(PosCardIdentified.class).orElseThrow();
        assertEquals(CardMode.DISCOUNT, asked.mode());
        assertTrue(asked.chosen());
        assertEquals("DISCOUNT", pos.receipt(shop, "R2").cardMode());
        assertEquals("3.00", discount(applied(add("R2", "1", "30.00"))));
    }

    @Test
    @Tag("PC-11")
    void identifyCard_withoutAModeIsRefusedWhereTheShopRequiresAChoiceAndChangesNothing() {
        applied(pos.configure(next(), new Configure(720, true)));
        define(bothCard("3001"));
        define(creditCard("2001"));
        define(discountCard("1001", "10"));
        topUpManually("3001", "100.00");
        open("R1");
        Outcome refused = identify("R1", "3001");
        rejected(refused, "CARD_MODE_REQUIRED");
        assertTrue(refused.rejections().get(0).message().contains("DISCOUNT or CREDIT"),
                refused.rejections().get(0).message());
        ReceiptView untouched = pos.receipt(shop, "R1");
        assertNull(untouched.cardNumber());
        assertNull(untouched.cardMode());
        PosCardIdentified chosen = applied(pos.identifyCard(next(), new IdentifyCard("R1", "3001", CardMode.CREDIT)))
                .result(PosCardIdentified.class).orElseThrow();
        assertEquals(CardMode.CREDIT, chosen.mode());
        assertTrue(chosen.chosen());

        // A card with only one of the two has nothing to choose.
        open("R2");
        assertEquals(CardMode.CREDIT, applied(identify("R2", "2001")).result(PosCardIdentified.class).orElseThrow().mode());
        open("R3");
        assertEquals(CardMode.DISCOUNT, applied(identify("R3", "1001")).result(PosCardIdentified.class).orElseThrow().mode());

        // Configured back, the card is identified without a mode again (and draws credit).
        applied(pos.configure(next(), new Configure(720)));
        open("R4");
        assertEquals(CardMode.CREDIT, applied(identify("R4", "3001")).result(PosCardIdentified.class).orElseThrow().mode());
    }

    // ------------------------------------------------------------------ PC-6 never discount with credit

    @Test
    @Tag("PC-6")
    void discountWithCreditDrawing_isRefused() {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        applied(identify("R1", "2001"));
        rejected(pos.addItem(next(), AddItem.of("R1", "1", "wine", czk("20.00"), "21").withManualDiscount("10")),
                "DISCOUNT_WITH_CREDIT_DRAWING");
        assertAmount("100.00", statement("2001").available());

        open("R2");
        applied(pos.addItem(next(), AddItem.of("R2", "1", "wine", czk("20.00"), "21").withManualDiscount("10")));
        rejected(identify("R2", "2001"), "DISCOUNT_WITH_CREDIT_DRAWING");
        assertFalse(pos.receipt(shop, "R2").cardActive());
    }

    @Test
    @Tag("PC-6")
    void identifyCard_inDiscountModeIsRefusedWhileTheReceiptDrawsCredit() {
        Card both = new Card("3001", "Eva", "Malá", new BigDecimal("10"), true, true, Money.currency("CZK"));
        define(both);
        topUpManually("3001", "100.00");
        open("R1");
        applied(identify("R1", "3001"));
        applied(add("R1", "1", "30.00"));
        applied(pos.removeCard(next(), new RemoveCard("R1")));
        rejected(pos.identifyCard(next(), new IdentifyCard("R1", "3001", CardMode.DISCOUNT)),
                "DISCOUNT_WITH_CREDIT_DRAWING");
        rejected(pos.addItem(next(), AddItem.of("R1", "2", "wine", czk("20.00"), "21").withManualDiscount("10")),
                "DISCOUNT_WITH_CREDIT_DRAWING");
        Outcome cash = applied(add("R1", "3", "50.00"));
        assertNull(discount(cash));
        assertTrue(cash.holds().isEmpty());
        Outcome paid = applied(pay("R1"));
        assertEquals(1, paid.entries().size());
        assertAmount("-30.00", paid.entries().get(0).amount());
        assertTrue(pos.receipt(shop, "R1").items().stream().allMatch(i -> i.discount().signum() == 0));

        // Once nothing is drawn any more, the card may give its discount instead.
        open("R2");
        applied(identify("R2", "3001"));
        applied(add("R2", "1", "30.00"));
        applied(pos.deleteItem(next(), new DeleteItem("R2", "1")));
        applied(pos.removeCard(next(), new RemoveCard("R2")));
        applied(pos.identifyCard(next(), new IdentifyCard("R2", "3001", CardMode.DISCOUNT)));
        assertEquals("3.00", discount(applied(add("R2", "2", "30.00"))));
        assertTrue(applied(pay("R2")).entries().isEmpty());
        assertAmount("70.00", statement("3001").credit());
    }

    @Test
    @Tag("PC-6")
    void identifyCard_inCreditModeIsRefusedAfterDiscountsWhicheverWayTheyCame() {
        Card both = new Card("3001", "Eva", "Malá", new BigDecimal("10"), true, true, Money.currency("CZK"));
        define(both);
        topUpManually("3001", "100.00");
        open("R1");
        applied(pos.identifyCard(next(), new IdentifyCard("R1", "3001", CardMode.DISCOUNT)));
        assertEquals("3.00", discount(applied(add("R1", "1", "30.00"))));
        applied(pos.removeCard(next(), new RemoveCard("R1")));
        rejected(pos.identifyCard(next(), new IdentifyCard("R1", "3001", CardMode.CREDIT)),
                "DISCOUNT_WITH_CREDIT_DRAWING");
        rejected(identify("R1", "3001"), "DISCOUNT_WITH_CREDIT_DRAWING");
        assertTrue(applied(pay("R1")).entries().isEmpty());
        assertAmount("100.00", statement("3001").available());
    }

    @Test
    @Tag("PC-6")
    void creditCardWithAPercentage_drawsCreditWithoutDiscountUnlessAskedForDiscount() {
        Card both = new Card("3001", "Eva", "Malá", new BigDecimal("10"), true, true, Money.currency("CZK"));
        define(both);
        topUpManually("3001", "100.00");
        open("R1");
        applied(identify("R1", "3001"));
        Outcome item = applied(add("R1", "1", "50.00"));
        assertNull(discount(item));
        assertEquals(1, item.holds().size());
        open("R2");
        applied(pos.identifyCard(next(), new IdentifyCard("R2", "3001", CardMode.DISCOUNT)));
        Outcome discounted = applied(add("R2", "1", "50.00"));
        assertEquals("5.00", discount(discounted));
        assertTrue(discounted.holds().isEmpty());
        define(discountCard("1001", "10"));
        open("R3");
        rejected(pos.identifyCard(next(), new IdentifyCard("R3", "1001", CardMode.CREDIT)), "CREDIT_DRAWING_NOT_ENABLED");
    }

    // ------------------------------------------------------------------ PC-7 movements

    @Test
    @Tag("PC-7")
    void statement_listsEveryMovementAndCreditIsTheirSum() {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        applied(identify("R1", "2001"));
        applied(add("R1", "1", "30.00"));
        applied(add("R1", "2", "5.00"));
        applied(pos.deleteItem(next(), new DeleteItem("R1", "2")));
        applied(pay("R1"));
        open("R2");
        applied(identify("R2", "2001"));
        applied(add("R2", "1", "10.00"));
        applied(pos.abandon(next(), new AbandonReceipt("R2")));

        CardStatement s = statement("2001");
        List<CardMovement.Kind> kinds = s.movements().stream().map(CardMovement::kind).toList();
        assertEquals(1, kinds.stream().filter(k -> k == CardMovement.Kind.MANUAL).count());
        assertEquals(3, kinds.stream().filter(k -> k == CardMovement.Kind.RESERVATION).count());
        assertEquals(2, kinds.stream().filter(k -> k == CardMovement.Kind.RELEASE).count());
        assertEquals(1, kinds.stream().filter(k -> k == CardMovement.Kind.DRAW).count());
        BigDecimal sum = s.movements().stream().filter(CardMovement::changesCredit).map(CardMovement::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertAmount("70.00", sum);
        assertAmount("70.00", s.credit());
        CardMovement draw = s.movements().stream().filter(m -> m.kind() == CardMovement.Kind.DRAW).findFirst().orElseThrow();
        assertEquals("R1", draw.receipt());
        assertEquals("cashier-eva", draw.user());
        assertNotNull(draw.time());
        assertEquals("payment makes the reservations final", draw.rule());
        CardMovement release = s.movements().stream().filter(m -> m.kind() == CardMovement.Kind.RELEASE).findFirst()
                .orElseThrow();
        assertEquals("deleting an item returns its reservation", release.rule());
    }

    @Test
    @Tag("PC-7")
    void statement_namesTheUserWhoReleasedAReservation() {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        applied(identify("R1", "2001"));
        applied(add("R1", "1", "30.00"));
        applied(pos.deleteItem(CommandContext.of(shop, Actor.of("supervisor-ota"), "void-1", DAY),
                new DeleteItem("R1", "1")));
        CardMovement release = statement("2001").movements().stream()
                .filter(m -> m.kind() == CardMovement.Kind.RELEASE).findFirst().orElseThrow();
        assertEquals("supervisor-ota", release.user());
        assertEquals("R1", release.receipt());
        assertAmount("30.00", release.amount());
    }

    // ------------------------------------------------------------------ PC-8 vouchers

    @Test
    @Tag("PC-8")
    void giftCertificate_isSoldAndSpentThroughTheCreditMechanism() {
        Card voucher = new Card("GIFT-0042", "Gift", "Certificate", BigDecimal.ZERO, true, true, Money.currency("CZK"));
        define(voucher);
        open("SALE");
        applied(identify("SALE", "GIFT-0042"));
        applied(pos.addItem(next(), AddItem.topUp("SALE", "1", czk("1000.00"))));
        applied(pay("SALE"));
        open("SPEND");
        applied(identify("SPEND", "GIFT-0042"));
        applied(add("SPEND", "1", "750.00"));
        rejected(add("SPEND", "2", "300.00"), "INSUFFICIENT_CREDIT");
        applied(add("SPEND", "2", "250.00"));
        applied(pay("SPEND"));
        assertAmount("0", statement("GIFT-0042").credit());
    }

    // ------------------------------------------------------------------ X: the pipeline through the POS

    @Test
    @Tag("X-1")
    void outcome_namesRuleSetVersionAndRulesFired() {
        define(discountCard("1001", "10"));
        open("R1");
        Outcome o = applied(identify("R1", "1001"));
        assertEquals("pos-card", o.ruleSet());
        assertEquals(1, o.ruleVersion());
        assertTrue(o.rulesFired().contains("mode: any other card gives its discount"), o.rulesFired().toString());
        define(creditCard("2001"));
        Outcome manual = topUpManually("2001", "10.00");
        assertEquals("manual top-up", manual.entries().get(0).rule().rule());
        assertEquals(1, manual.entries().get(0).rule().version());
    }

    @Test
    @Tag("X-4")
    void repeat_returnsTheFirstOutcomeAndChangesNothing() {
        define(creditCard("2001"));
        CommandContext once = CommandContext.of(shop, CASHIER, "deposit-1", DAY);
        Outcome first = applied(pos.changeCredit(once, new ChangeCredit("2001", czk("100.00"), "deposit")));
        Outcome again = pos.changeCredit(once, new ChangeCredit("2001", czk("100.00"), "deposit"));
        assertEquals(first, again);
        assertAmount("100.00", statement("2001").credit());
        assertThrows(IdempotencyConflictException.class,
                () -> pos.changeCredit(once, new ChangeCredit("2001", czk("999.00"), "deposit")));
        assertAmount("100.00", statement("2001").credit());
    }

    @Test
    @Tag("X-4")
    void concurrentRepeats_applyOnceAndAllGetTheFirstOutcome() throws Exception {
        define(creditCard("2001"));
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (int round = 0; round < 5; round++) {
                CommandContext same = CommandContext.of(shop, CASHIER, "deposit-" + round, DAY);
                List<Callable<Outcome>> jobs = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    jobs.add(() -> pos.changeCredit(same, new ChangeCredit("2001", czk("10.00"), "deposit")));
                }
                List<Outcome> outcomes = new ArrayList<>();
                for (Future<Outcome> f : pool.invokeAll(jobs)) {
                    outcomes.add(f.get());
                }
                assertTrue(outcomes.stream().allMatch(o -> o.equals(outcomes.get(0))), "every submission sees one outcome");
            }
        } finally {
            pool.shutdownNow();
        }
        CardStatement s = statement("2001");
        assertAmount("50.00", s.credit());
        assertEquals(5, s.movements().size());
    }

    @Test
    @Tag("X-6")
    void dryRun_decidesAsACommitWouldAndWritesNothing() {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        applied(identify("R1", "2001"));
        CommandContext ctx = next();
        Outcome preview = pos.addItem(ctx.asDryRun(), AddItem.of("R1", "1", "item", czk("30.00"), "21"));
        assertTrue(preview.dryRun());
        assertAmount("100.00", statement("2001").available());
        assertTrue(pos.receipt(shop, "R1").items().isEmpty());
        Outcome commit = pos.addItem(ctx, AddItem.of("R1", "1", "item", czk("30.00"), "21"));
        assertEquals(preview, commit.asDryRun());
        assertAmount("70.00", statement("2001").available());
        Outcome refusedPreview = pos.addItem(next().asDryRun(), AddItem.of("R1", "2", "item", czk("80.00"), "21"));
        rejected(refusedPreview, "INSUFFICIENT_CREDIT");
        // a preview of a key already used shows the stored outcome and still writes nothing
        assertEquals(commit.asDryRun(), pos.addItem(ctx.asDryRun(), AddItem.of("R1", "1", "item", czk("30.00"), "21")));
        assertAmount("70.00", statement("2001").available());
    }

    @Test
    @Tag("X-10")
    void badInput_isATypedErrorAndWritesNothing() {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        open("R1");
        applied(identify("R1", "2001"));
        assertThrows(InvalidValueException.class, () -> AddItem.of("R1", "1", "x", czk("0.00"), "21"));
        assertThrows(InvalidValueException.class, () -> AddItem.of("R1", "1", "x", czk("-1.00"), "21"));
        assertThrows(InvalidValueException.class, () -> czk("1.001"));
        assertThrows(CurrencyMismatchException.class,
                () -> pos.addItem(next(), AddItem.of("R1", "1", "x", Money.of("1.00", "EUR"), "21")));
        assertThrows(CurrencyMismatchException.class,
                () -> pos.changeCredit(next(), new ChangeCredit("2001", Money.of("1.00", "EUR"), "euro")));
        assertThrows(NoSuchEntityException.class, () -> pos.deleteItem(next(), new DeleteItem("R1", "404")));
        assertThrows(NoSuchEntityException.class, () -> pos.changeCredit(next(), new ChangeCredit("404", czk("1.00"), "x")));
        applied(add("R1", "1", "10.00"));
        rejected(add("R1", "1", "10.00"), "LINE_EXISTS");
        rejected(pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK"))), "RECEIPT_EXISTS");
        assertEquals(1, pos.receipt(shop, "R1").items().size());
        assertAmount("90.00", statement("2001").available());
        assertAmount("100.00", statement("2001").credit());
    }

    @Test
    @Tag("X-5")
    void concurrentDraws_neverOverdrawTheCard() throws Exception {
        define(creditCard("2001"));
        topUpManually("2001", "100.00");
        int threads = 8;
        for (int t = 0; t < threads; t++) {
            open("R" + t);
            applied(identify("R" + t, "2001"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                String receipt = "R" + t;
                jobs.add(() -> {
                    int reserved = 0;
                    for (int i = 0; i < 10; i++) {
                        if (add(receipt, "l" + i, "3.00").applied()) {
                            reserved++;
                        }
                    }
                    return reserved;
                });
            }
            int reserved = 0;
            for (Future<Integer> f : pool.invokeAll(jobs)) {
                reserved += f.get();
            }
            assertEquals(33, reserved, "100.00 covers exactly 33 items of 3.00");
            for (int t = 0; t < threads; t++) {
                applied(pay("R" + t));
            }
        } finally {
            pool.shutdownNow();
        }
        CardStatement s = statement("2001");
        assertAmount("1.00", s.credit());
        assertAmount("0", s.held());
    }
}

package org.loyaltyengine.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.CardMode;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.Configure;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.HoldEvent;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.LedgerInvariants;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.pos.PosArbitraries;

/**
 * Value conservation of the POS card over random command sequences (SPEC PC-2..PC-7, X-3): cards are
 * identified, removed and identified again in either mode, items (tiny, large, refused zero and negative
 * prices, cashier's discounts, top-up items) are added and deleted, receipts paid and abandoned, credit
 * changed by hand, the clock moved on and the expiry sweep run, the hold time changed.
 *
 * <p>A small model written here, not the code under test, predicts whether each command applies and what
 * it moves. After every step: the outcome's status is the model's; an applied command wrote exactly the
 * entries its outcome reports (read back from the ledger), none of zero amount, and exactly the hold events
 * the model expects; the balance is the sum of the ledger and equals loads - draws +/- manual changes of
 * the model; held is the model's pending reservations; per receipt, what came back or was drawn never
 * exceeds what was reserved, and no receipt holds a discount together with a credit draw (PC-6).
 */
class PosConservationPropertiesTest {
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-03-14T09:00:00Z"));
    private static final InMemoryStore STORE = new InMemoryStore();
    private static final LoyaltyEngine ENGINE = LoyaltyEngine.builder().store(STORE).clock(CLOCK).build();
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final String CREDIT_CARD = "C";
    private static final String DISCOUNT_CARD = "D";

    enum Kind { OPEN, IDENTIFY, REMOVE, ADD, TOP_UP_ITEM, DELETE, PAY, ABANDON, MANUAL, SWEEP, CONFIGURE }

    /** One generated step; which fields matter depends on the kind. */
    record Op(Kind kind, int receipt, int pick, int cents, int mode, int discount) {
    }

    @Provide
    Arbitrary<Op> op() {
        Arbitrary<Integer> cents = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(1, 5)),
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(1, 6000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(-300, 0)));
        // Weighted so that the interesting paths are common: cards identified in either mode, items
        // reserved, the sweep run past the hold time, and payments afterwards.
        Arbitrary<Kind> kind = Arbitraries.frequency(net.jqwik.api.Tuple.of(1, Kind.OPEN),
                net.jqwik.api.Tuple.of(3, Kind.IDENTIFY), net.jqwik.api.Tuple.of(3, Kind.REMOVE),
                net.jqwik.api.Tuple.of(8, Kind.ADD), net.jqwik.api.Tuple.of(2, Kind.TOP_UP_ITEM),
                net.jqwik.api.Tuple.of(3, Kind.DELETE), net.jqwik.api.Tuple.of(3, Kind.PAY),
                net.jqwik.api.Tuple.of(1, Kind.ABANDON), net.jqwik.api.Tuple.of(2, Kind.MANUAL),
                net.jqwik.api.Tuple.of(4, Kind.SWEEP), net.jqwik.api.Tuple.of(1, Kind.CONFIGURE));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 7), cents, Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 5)).as(Op::new);
    }

    // ------------------------------------------------------------------ the model

    static final class MItem {
        final String line;
        final BigDecimal price;
        final BigDecimal discount;
        final boolean creditItem;
        boolean deleted;
        MHold hold;

        MItem(String line, BigDecimal price, BigDecimal discount, boolean creditItem) {
            this.line = line;
            this.price = price;
            this.discount = discount;
            this.creditItem = creditItem;
        }
    }

    static final class MHold {
        final BigDecimal amount;
        final Instant expiresAt;
        HoldState state = HoldState.PENDING;

        MHold(BigDecimal amount, Instant expiresAt) {
            this.amount = amount;
            this.expiresAt = expiresAt;
        }
    }

    static final class MReceipt {
        final String id;
        String status = "OPEN";
        String card;
        boolean active;
        String mode;
        final List<MItem> items = new ArrayList<>();

        MReceipt(String id) {
            this.id = id;
        }

        boolean open() {
            return status.equals("OPEN");
        }

        long drawn() {
            return items.stream().filter(i -> !i.deleted && i.hold != null).count();
        }

        long discounted() {
            return items.stream().filter(i -> !i.deleted && i.discount.signum() > 0).count();
        }
    }

    static final class Model {
        BigDecimal loads = BigDecimal.ZERO;
        BigDecimal draws = BigDecimal.ZERO;
        BigDecimal manual = BigDecimal.ZERO;
        long holdMinutes = 12 * 60;
        final Map<String, MReceipt> receipts = new LinkedHashMap<>();

        BigDecimal credit() {
            return loads.subtract(draws).add(manual);
        }

        BigDecimal held() {
            return receipts.values().stream().flatMap(r -> r.items.stream()).filter(i -> i.hold != null
                    && i.hold.state == HoldState.PENDING).map(i -> i.hold.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        }

        BigDecimal available() {
            return credit().subtract(held());
        }
    }

    /** What the model expects of one command: applied or not, the credit it moves, the hold events. */
    record Expected(boolean applied, BigDecimal moves, int holdEvents) {
        static Expected refused() {
            return new Expected(false, BigDecimal.ZERO, 0);
        }
    }

    private static BigDecimal percentOf(BigDecimal price, BigDecimal percent) {
        return price.multiply(percent).divide(BigDecimal.valueOf(100), price.scale(), RoundingMode.HALF_UP);
    }

    // ------------------------------------------------------------------ the property

    /** Runs every step: defines the cards and loads credit as well as selling. */
    private static final Actor MANAGER = Actor.of("manager", PosCards.CARDS_PERMISSION, PosCards.SETTINGS_PERMISSION,
            PosCards.MANUAL_PERMISSION);

    @Property(tries = 40, edgeCases = net.jqwik.api.EdgeCasesMode.NONE)
    @Tag("PC-2")
    @Tag("PC-5")
    @Tag("PC-6")
    @Tag("PC-7")
    @Tag("X-3")
    void anySequence_conservesCreditAndWritesWhatItReports(
            @ForAll @Size(min = 15, max = 50) List<@net.jqwik.api.From("op") Op> ops,
            @ForAll("percent") BigDecimal cardPercent,
            @ForAll("deposit") BigDecimal deposit) {
        TenantId shop = TenantId.of("pc-" + UUID.randomUUID().toString().substring(0, 12));
        AtomicLong keys = new AtomicLong();
        PosCards pos = ENGINE.posCards();
        java.util.function.Supplier<CommandContext> next = () -> CommandContext.of(shop, MANAGER,
                "k" + keys.incrementAndGet(), DAY);
        BigDecimal percent = cardPercent;
        Card credit = new Card(CREDIT_CARD, "Eva", "Malá", percent, true, true, Money.currency("CZK"));
        assertTrue(pos.defineCard(next.get(), credit).applied());
        assertTrue(pos.defineCard(next.get(), new Card(DISCOUNT_CARD, "Jan", "Novák", new BigDecimal("20"), false,
                false, Money.currency("CZK"))).applied());
        AccountKey account = PosCards.accountOf(credit);
        Model m = new Model();
        // A starting deposit, so that most draws are covered and some are not.
        assertTrue(pos.changeCredit(next.get(), new ChangeCredit(CREDIT_CARD, Money.of(deposit, "CZK"), "deposit"))
                .applied());
        m.manual = deposit;
        String[] slots = new String[2];
        int opened = 0;
        int line = 0;

        for (Op op : ops) {
            if (slots[op.receipt()] == null && op.kind() != Kind.MANUAL && op.kind() != Kind.SWEEP
                    && op.kind() != Kind.CONFIGURE) {
                String id = "R" + (++opened);
                assertTrue(pos.openReceipt(next.get(), new OpenReceipt(id, Money.currency("CZK"))).applied());
                MReceipt opening = new MReceipt(id);
                m.receipts.put(id, opening);
                slots[op.receipt()] = id;
                if (op.mode() != 3) {
                    // Most receipts start with the credit card identified in the mode it chooses.
                    assertTrue(pos.identifyCard(next.get(), new IdentifyCard(id, CREDIT_CARD, null)).applied());
                    opening.card = CREDIT_CARD;
                    opening.active = true;
                    opening.mode = "CREDIT";
                }
                if (op.kind() == Kind.OPEN) {
                    continue;
                }
            }
            String rid = slots[op.receipt()];
            MReceipt r = rid == null ? null : m.receipts.get(rid);
            BigDecimal amount = BigDecimal.valueOf(op.cents(), 2);
            List<LedgerEntry> ledgerBefore = ledger(shop, account);
            CardStatement before = pos.statement(shop, CREDIT_CARD);
            ReceiptView receiptBefore = rid == null ? null : pos.receipt(shop, rid);
            Outcome o;
            Expected e;
            switch (op.kind()) {
                case OPEN -> {
                    String id = "R" + (++opened);
                    m.receipts.put(id, new MReceipt(id));
                    slots[op.receipt()] = id;
                    o = pos.openReceipt(next.get(), new OpenReceipt(id, Money.currency("CZK")));
                    e = new Expected(true, BigDecimal.ZERO, 0);
                }
                case IDENTIFY -> {
                    String card = op.pick() == 7 ? DISCOUNT_CARD : CREDIT_CARD;
                    CardMode asked = switch (op.mode()) {
                        case 1 -> CardMode.DISCOUNT;
                        case 2 -> CardMode.CREDIT;
                        default -> null;
                    };
                    String mode = asked != null ? asked.name() : card.equals(CREDIT_CARD) ? "CREDIT" : "DISCOUNT";
                    boolean ok = r.open() && (r.card == null || r.card.equals(card)) && !(r.active && card.equals(r.card))
                            && !(mode.equals("CREDIT") && card.equals(DISCOUNT_CARD))
                            && !(mode.equals("CREDIT") && r.discounted() > 0)
                            && !(mode.equals("DISCOUNT") && r.drawn() > 0);
                    o = pos.identifyCard(next.get(), new IdentifyCard(rid, card, asked));
                    if (ok) {
                        r.card = card;
                        r.active = true;
                        r.mode = mode;
                    }
                    e = ok ? new Expected(true, BigDecimal.ZERO, 0) : Expected.refused();
                }
                case REMOVE -> {
                    boolean ok = r.open() && r.active;
                    o = pos.removeCard(next.get(), new RemoveCard(rid));
                    if (ok) {
                        r.active = false;
                    }
                    e = ok ? new Expected(true, BigDecimal.ZERO, 0) : Expected.refused();
                }
                case ADD -> {
                    String id = "l" + (++line);
                    BigDecimal manual = switch (op.discount()) {
                        case 4 -> new BigDecimal("10");
                        case 5 -> new BigDecimal("100");
                        default -> null;
                    };
                    if (amount.signum() <= 0) {
                        // Zero and negative prices are refused before anything is decided.
                        assertThrows(InvalidValueException.class, () -> AddItem.of(rid, id, "item", Money.of(amount, "CZK"),
                                "21"));
                        assertEquals(before, pos.statement(shop, CREDIT_CARD));
                        continue;
                    }
                    AddItem item = new AddItem(rid, id, "item", Money.of(amount, "CZK"), false, new BigDecimal("21"), manual);
                    boolean creditMode = r.active && "CREDIT".equals(r.mode);
                    if (!r.open()) {
                        e = Expected.refused();
                    } else if (manual != null) {
                        boolean ok = !creditMode && r.drawn() == 0;
                        if (ok) {
                            r.items.add(new MItem(id, amount, percentOf(amount, manual), false));
                        }
                        e = ok ? new Expected(true, BigDecimal.ZERO, 0) : Expected.refused();
                    } else if (creditMode) {
                        boolean ok = m.available().compareTo(amount) >= 0;
                        if (ok) {
                            MItem i = new MItem(id, amount, BigDecimal.ZERO, false);
                            i.hold = new MHold(amount, CLOCK.instant().plus(Duration.ofMinutes(m.holdMinutes)));
                            r.items.add(i);
                        }
                        e = ok ? new Expected(true, BigDecimal.ZERO, 1) : Expected.refused();
                    } else {
                        BigDecimal pct = !r.active ? BigDecimal.ZERO : r.card.equals(DISCOUNT_CARD) ? new BigDecimal("20")
                                : percent;
                        r.items.add(new MItem(id, amount, pct.signum() > 0 ? percentOf(amount, pct) : BigDecimal.ZERO,
                                false));
                        e = new Expected(true, BigDecimal.ZERO, 0);
                    }
                    o = pos.addItem(next.get(), item);
                }
                case TOP_UP_ITEM -> {
                    String id = "l" + (++line);
                    BigDecimal load = amount.signum() > 0 ? amount : new BigDecimal("0.01");
                    boolean ok = r.open() && CREDIT_CARD.equals(r.card);
                    if (ok) {
                        r.items.add(new MItem(id, load, BigDecimal.ZERO, true));
                    }
                    o = pos.addItem(next.get(), AddItem.topUp(rid, id, Money.of(load, "CZK")));
                    e = ok ? new Expected(true, BigDecimal.ZERO, 0) : Expected.refused();
                }
                case DELETE -> {
                    if (r.items.isEmpty()) {
                        continue;
                    }
                    MItem i = r.items.get(op.pick() % r.items.size());
                    boolean ok = r.open() && !i.deleted;
                    int events = 0;
                    if (ok) {
                        i.deleted = true;
                        if (i.hold != null && i.hold.state == HoldState.PENDING) {
                            i.hold.state = HoldState.RELEASED;
                            events = 1;
                        }
                    }
                    o = pos.deleteItem(next.get(), new DeleteItem(rid, i.line));
                    e = ok ? new Expected(true, BigDecimal.ZERO, events) : Expected.refused();
                }
                case PAY -> {
                    boolean expired = r.items.stream().anyMatch(i -> !i.deleted && i.hold != null
                            && i.hold.state == HoldState.EXPIRED);
                    boolean ok = r.open() && !expired;
                    BigDecimal moves = BigDecimal.ZERO;
                    int events = 0;
                    if (ok) {
                        for (MItem i : r.items) {
                            if (!i.deleted && i.hold != null && i.hold.state == HoldState.PENDING) {
                                i.hold.state = HoldState.CAPTURED;
                                m.draws = m.draws.add(i.hold.amount);
                                moves = moves.subtract(i.price);
                                events++;
                            }
                            if (!i.deleted && i.creditItem) {
                                m.loads = m.loads.add(i.price);
                                moves = moves.add(i.price);
                            }
                        }
                        r.status = "PAID";
                        slots[op.receipt()] = null;
                    }
                    o = pos.pay(next.get(), new PayReceipt(rid));
                    e = ok ? new Expected(true, moves, events) : Expected.refused();
                }
                case ABANDON -> {
                    boolean ok = r.open();
                    int events = 0;
                    if (ok) {
                        for (MItem i : r.items) {
                            if (i.hold != null && i.hold.state == HoldState.PENDING) {
                                i.hold.state = HoldState.RELEASED;
                                events++;
                            }
                        }
                        r.status = "ABANDONED";
                        slots[op.receipt()] = null;
                    }
                    o = pos.abandon(next.get(), new AbandonReceipt(rid));
                    e = ok ? new Expected(true, BigDecimal.ZERO, events) : Expected.refused();
                }
                case MANUAL -> {
                    if (amount.signum() == 0) {
                        assertThrows(InvalidValueException.class, () -> new ChangeCredit(CREDIT_CARD,
                                Money.of(amount, "CZK"), "zero"));
                        continue;
                    }
                    // Half of the changes are deductions: the generated amount or its negation.
                    BigDecimal change = op.mode() % 2 == 0 ? amount.abs() : amount.abs().negate();
                    boolean ok = change.signum() > 0 || m.available().compareTo(change.negate()) >= 0;
                    if (ok) {
                        m.manual = m.manual.add(change);
                    }
                    o = pos.changeCredit(next.get(), new ChangeCredit(CREDIT_CARD, Money.of(change, "CZK"), "by hand"));
                    e = ok ? new Expected(true, change, 0) : Expected.refused();
                }
                case SWEEP -> {
                    // Around the hold time (a minute short of it, at it, past it), or up to a day and a half.
                    CLOCK.advance(Duration.ofMinutes(op.pick() < 4 ? m.holdMinutes + op.pick() - 2
                            : Math.abs(op.cents()) % 2200));
                    Instant now = CLOCK.instant();
                    int events = 0;
                    for (MReceipt x : m.receipts.values()) {
                        for (MItem i : x.items) {
                            if (i.hold != null && i.hold.state == HoldState.PENDING && !i.hold.expiresAt.isAfter(now)) {
                                i.hold.state = HoldState.EXPIRED;
                                events++;
                            }
                        }
                    }
                    o = pos.expireHolds(next.get());
                    e = new Expected(true, BigDecimal.ZERO, events);
                }
                case CONFIGURE -> {
                    long minutes = op.cents() <= 0 ? op.cents() : 1 + op.cents() % 900;
                    if (minutes < 1) {
                        assertThrows(InvalidValueException.class, () -> new Configure(minutes));
                        continue;
                    }
                    m.holdMinutes = minutes;
                    o = pos.configure(next.get(), new Configure(minutes));
                    e = new Expected(true, BigDecimal.ZERO, 0);
                }
                default -> throw new IllegalStateException(op.toString());
            }

            // Shown with the run, so a weak generator (no expired reservation ever paid) is seen at once.
            net.jqwik.api.statistics.Statistics.label("outcomes").collect(op.kind() + " " + (o.applied() ? "applied"
                    : o.reasonCodes().stream().distinct().sorted().toList()) + " "
                    + o.holds().stream().map(HoldEvent::state).distinct().toList());
            String step = op + " on " + rid;
            assertEquals(e.applied(), o.applied(), () -> step + ": expected " + (e.applied() ? "applied" : "rejected")
                    + ", was " + o.reasonCodes());
            List<LedgerEntry> ledgerAfter = ledger(shop, account);
            List<LedgerEntry> written = LedgerInvariants.written(ledgerBefore, ledgerAfter, step);
            CardStatement after = pos.statement(shop, CREDIT_CARD);
            LedgerInvariants.assertWroteWhatItReports(o, written, step);
            if (o.rejected()) {
                assertEquals(before, after, () -> step + ": a rejected command changed the card");
                if (receiptBefore != null) {
                    assertEquals(receiptBefore, pos.receipt(shop, rid), () -> step + ": a rejected command changed the receipt");
                }
            } else {
                BigDecimal moved = o.entries().stream().map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(0, e.moves().compareTo(moved), () -> step + ": moved " + moved + ", model " + e.moves());
                assertEquals(e.holdEvents(), o.holds().size(), () -> step + ": hold events " + o.holds());
            }
            assertInvariants(shop, account, m, after, ledgerAfter, step);
        }
    }

    @Provide
    Arbitrary<BigDecimal> deposit() {
        return PosArbitraries.deposits();
    }

    @Provide
    Arbitrary<BigDecimal> percent() {
        return PosArbitraries.cardPercents();
    }

    private static List<LedgerEntry> ledger(TenantId shop, AccountKey account) {
        return LedgerInvariants.ledger(STORE, shop, account);
    }

    private static void assertInvariants(TenantId shop, AccountKey account, Model m, CardStatement s,
                                         List<LedgerEntry> ledger, String step) {
        LedgerInvariants.assertBalanced(STORE, shop, account, ledger, step);
        assertEquals(0, m.credit().compareTo(s.credit()), () -> step + ": credit " + s.credit()
                + " == loads - draws +/- manual " + m.credit());
        BigDecimal loads = LedgerInvariants.sum(ledger, EntryKind.TOP_UP);
        BigDecimal draws = LedgerInvariants.sum(ledger, EntryKind.CAPTURE);
        BigDecimal manual = LedgerInvariants.sum(ledger, EntryKind.MANUAL);
        assertEquals(0, m.loads.compareTo(loads), () -> step + ": loads");
        assertEquals(0, m.draws.negate().compareTo(draws), () -> step + ": draws");
        assertEquals(0, m.manual.compareTo(manual), () -> step + ": manual changes");
        assertEquals(0, m.held().compareTo(s.held()), () -> step + ": held " + s.held() + ", model " + m.held());
        assertTrue(s.available().signum() >= 0, () -> step + ": available never below zero");
        for (MReceipt r : m.receipts.values()) {
            BigDecimal reserved = LedgerInvariants.assertHoldsOfDocument(STORE, shop, r.id, ledger, step);
            BigDecimal drawnFor = ledger.stream().filter(x -> x.kind() == EntryKind.CAPTURE && r.id.equals(x.document()))
                    .map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add).negate();
            BigDecimal modelReserved = r.items.stream().filter(i -> i.hold != null).map(i -> i.hold.amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(0, modelReserved.compareTo(reserved), () -> step + ": reserved on " + r.id);
            ReceiptView view = ENGINE.posCards().receipt(shop, r.id);
            assertEquals(r.status, view.status(), () -> step + ": status of " + r.id);
            boolean discounted = view.items().stream().anyMatch(i -> !i.deleted() && i.discount().signum() > 0);
            boolean drawn = view.items().stream().anyMatch(i -> !i.deleted() && i.holdId() != null);
            assertFalse(discounted && drawn, () -> step + ": receipt " + r.id + " combines a discount with credit (PC-6)");
            if (r.status.equals("PAID")) {
                // A paid receipt drew exactly what its live reserved items cost, nothing for nothing.
                BigDecimal live = r.items.stream().filter(i -> !i.deleted && i.hold != null).map(i -> i.price)
                        .reduce(BigDecimal.ZERO, BigDecimal::add);
                assertEquals(0, live.compareTo(drawnFor), () -> step + ": paid " + r.id + " drew " + drawnFor);
            }
            for (MItem i : r.items) {
                ReceiptView.Item shown = view.items().stream().filter(x -> x.lineId().equals(i.line)).findFirst()
                        .orElseThrow();
                assertEquals(0, i.discount.compareTo(shown.discount()), () -> step + ": discount of " + i.line);
                assertTrue(shown.discount().compareTo(shown.price()) <= 0, () -> step + ": discount beyond the price");
            }
        }
    }
}

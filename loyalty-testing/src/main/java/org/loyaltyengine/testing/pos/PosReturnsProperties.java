package org.loyaltyengine.testing.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.pos.CardMovement;
import org.loyaltyengine.pos.CardStatement;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AbandonReceipt;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.CardMode;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.DeleteItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.pos.PosRequests.Refund;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.pos.ReceiptView;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.LedgerInvariants;
import org.loyaltyengine.testing.MutableClock;

/**
 * The POS returns property (SPEC X-13 with PC-4, PC-5, PC-7, X-3), over random command sequences: receipts
 * opened, the card identified in either mode or left off, removed, items added (tiny and large prices,
 * refused zero and negative ones, top-up items) and deleted, receipts paid and abandoned, reservations left
 * to expire under a moved clock and the sweep, credit changed by hand, and paid receipts refunded whole and
 * by line, a refunded line refunded again, a refund retried with its key.
 *
 * <p>What a refund must do is read from the card's ledger and the receipt's public view before it runs, not
 * from the refund's own figures: for each line, what its payment drew from the card (its CAPTURE entries) and
 * loaded onto it (its TOP_UP entries). After every step: an applied command wrote exactly the entries its
 * outcome reports and a rejected one nothing; a refund applies exactly when the receipt is paid, its lines
 * sold and not refunded, and the card can give back what the top-ups loaded, and then writes for each line
 * the draw back and the top-up off, nothing else; a second refund of a line and a retry change nothing; per
 * line, what came back never exceeds what was drawn and what was taken back never what was loaded; the credit
 * never goes below zero and is the sum of the statement's movements and of the ledger.
 *
 * <p>Abstract so that every store runs it: the tries come from the concrete class
 * ({@code @PropertyDefaults(tries = ...)}), fewer on a database.
 */
public abstract class PosReturnsProperties {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final String CREDIT_CARD = "C";
    private static final String DISCOUNT_CARD = "D";
    private static final Actor MANAGER = Actor.of("manager", PosCards.CARDS_PERMISSION, PosCards.SETTINGS_PERMISSION,
            PosCards.MANUAL_PERMISSION, PosCards.REFUND_PERMISSION);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-14T09:00:00Z"));
    private LoyaltyStore store;
    private LoyaltyEngine engine;

    /** The store under test: a new one, or a shared one (each try works in a tenant of its own). */
    protected abstract LoyaltyStore newStore();

    enum Kind { OPEN, IDENTIFY, REMOVE, ADD, TOP_UP_ITEM, DELETE, PAY, ABANDON, MANUAL, SWEEP, REFUND_WHOLE,
        REFUND_LINES, REFUND_AGAIN, RETRY }

    /** One generated step; which fields matter depends on the kind. */
    public record Op(Kind kind, int receipt, int pick, int cents, int mode) {
    }

    @Provide
    Arbitrary<Op> op() {
        Arbitrary<Integer> cents = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(1, 5)),
                Tuple.of(6, Arbitraries.integers().between(1, 6000)), Tuple.of(1, Arbitraries.integers().between(-300, 0)));
        Arbitrary<Kind> kind = Arbitraries.frequency(Tuple.of(2, Kind.OPEN), Tuple.of(2, Kind.IDENTIFY),
                Tuple.of(1, Kind.REMOVE), Tuple.of(8, Kind.ADD), Tuple.of(4, Kind.TOP_UP_ITEM), Tuple.of(2, Kind.DELETE),
                Tuple.of(6, Kind.PAY), Tuple.of(1, Kind.ABANDON), Tuple.of(4, Kind.MANUAL), Tuple.of(2, Kind.SWEEP),
                Tuple.of(3, Kind.REFUND_WHOLE), Tuple.of(5, Kind.REFUND_LINES), Tuple.of(3, Kind.REFUND_AGAIN),
                Tuple.of(1, Kind.RETRY));
        return Combinators.combine(kind, Arbitraries.integers().between(0, 1), Arbitraries.integers().between(0, 15),
                cents, Arbitraries.integers().between(0, 3)).as(Op::new);
    }

    @Provide
    Arbitrary<BigDecimal> deposit() {
        return PosArbitraries.deposits();
    }

    /** What a step's checks need to know about the run so far. */
    private static final class Run {
        final TenantId shop = TenantId.of("ret-" + UUID.randomUUID().toString().substring(0, 12));
        final AtomicLong keys = new AtomicLong();
        final String[] slots = new String[2];
        final List<String> receipts = new ArrayList<>();
        final List<String> paid = new ArrayList<>();
        int line;
        int refunds;
        /** The last refund sent, with its context, for a retry with the same key. */
        CommandContext lastRefundCtx;
        Refund lastRefund;
        Outcome lastRefundOutcome;

        CommandContext next() {
            return CommandContext.of(shop, MANAGER, "k" + keys.incrementAndGet(), DAY);
        }
    }

    /** What the ledger says a receipt line moved on the card, read before a refund. */
    private record LineMoves(BigDecimal drawn, BigDecimal loaded, BigDecimal refunded) {
    }

    @Property(edgeCases = EdgeCasesMode.NONE)
    @Tag("X-13")
    @Tag("PC-4")
    @Tag("PC-5")
    @Tag("PC-7")
    @Tag("X-3")
    void anySequence_refundsGiveBackAtMostWhatWasDrawnAndTakeBackAtMostWhatWasLoaded(
            @ForAll @Size(min = 20, max = 60) List<@From("op") Op> ops, @ForAll("deposit") BigDecimal deposit) {
        if (engine == null) {
            store = newStore();
            engine = LoyaltyEngine.builder().store(store).clock(clock).build();
        }
        PosCards pos = engine.posCards();
        Run run = new Run();
        Card credit = new Card(CREDIT_CARD, "Eva", "Malá", BigDecimal.ZERO, true, true, Money.currency("CZK"));
        assertTrue(pos.defineCard(run.next(), credit).applied());
        assertTrue(pos.defineCard(run.next(), new Card(DISCOUNT_CARD, "Jan", "Novák", new BigDecimal("20"), false, false,
                Money.currency("CZK"))).applied());
        AccountKey account = PosCards.accountOf(credit);
        assertTrue(pos.changeCredit(run.next(), new ChangeCredit(CREDIT_CARD, Money.of(deposit, "CZK"), "deposit"))
                .applied());

        for (Op op : ops) {
            String rid = receiptFor(pos, run, op);
            List<LedgerEntry> ledgerBefore = LedgerInvariants.ledger(store, run.shop, account);
            CardStatement before = pos.statement(run.shop, CREDIT_CARD);
            String step = op + " on " + rid;
            Outcome o;
            switch (op.kind()) {
                case OPEN, IDENTIFY, REMOVE, ADD, TOP_UP_ITEM, DELETE, PAY, ABANDON, MANUAL, SWEEP -> {
                    o = sell(pos, run, op, rid);
                    if (o == null) {
                        // Refused before it was sent (a zero or negative amount), or not sent: nothing changed.
                        assertEquals(before, pos.statement(run.shop, CREDIT_CARD), step);
                        continue;
                    }
                }
                case REFUND_WHOLE, REFUND_LINES, REFUND_AGAIN, RETRY -> {
                    o = refund(pos, run, op, account, ledgerBefore, before, step);
                    if (o == null) {
                        continue;
                    }
                }
                default -> throw new AssertionError(op.toString());
            }
            Statistics.label("outcomes").collect(op.kind() + " " + (o.applied() ? "applied"
                    : o.reasonCodes().stream().distinct().sorted().toList()));
            List<LedgerEntry> ledgerAfter = LedgerInvariants.ledger(store, run.shop, account);
            LedgerInvariants.assertWroteWhatItReports(o, LedgerInvariants.written(ledgerBefore, ledgerAfter, step), step);
            CardStatement after = pos.statement(run.shop, CREDIT_CARD);
            if (o.rejected()) {
                assertEquals(before, after, () -> step + ": a rejected command changed the card");
            }
            assertInvariants(run, account, after, ledgerAfter, step);
        }
    }

    /** The receipt a step works on: its slot's, opened (and most often given the credit card) when the slot is empty. */
    private String receiptFor(PosCards pos, Run run, Op op) {
        boolean onReceipt = switch (op.kind()) {
            case MANUAL, SWEEP, REFUND_WHOLE, REFUND_LINES, REFUND_AGAIN, RETRY -> false;
            default -> true;
        };
        if (!onReceipt || run.slots[op.receipt()] != null) {
            return run.slots[op.receipt()];
        }
        String id = "R" + (run.receipts.size() + 1);
        assertTrue(pos.openReceipt(run.next(), new OpenReceipt(id, Money.currency("CZK"))).applied());
        run.receipts.add(id);
        run.slots[op.receipt()] = id;
        if (op.mode() != 3) {
            assertTrue(pos.identifyCard(run.next(), new IdentifyCard(id, CREDIT_CARD, null)).applied());
        }
        return id;
    }

    /** One of the till's commands; null when its request is refused before it is sent. */
    private Outcome sell(PosCards pos, Run run, Op op, String rid) {
        BigDecimal amount = BigDecimal.valueOf(op.cents(), 2);
        switch (op.kind()) {
            case OPEN -> {
                // The slot's receipt is left as it is, a new one takes the slot.
                String id = "R" + (run.receipts.size() + 1);
                run.receipts.add(id);
                run.slots[op.receipt()] = id;
                return pos.openReceipt(run.next(), new OpenReceipt(id, Money.currency("CZK")));
            }
            case IDENTIFY -> {
                String card = op.pick() % 4 == 3 ? DISCOUNT_CARD : CREDIT_CARD;
                CardMode mode = switch (op.mode()) {
                    case 1 -> CardMode.DISCOUNT;
                    case 2 -> CardMode.CREDIT;
                    default -> null;
                };
                return pos.identifyCard(run.next(), new IdentifyCard(rid, card, mode));
            }
            case REMOVE -> {
                return pos.removeCard(run.next(), new RemoveCard(rid));
            }
            case ADD -> {
                String id = "l" + (++run.line);
                if (amount.signum() <= 0) {
                    assertThrows(InvalidValueException.class, () -> AddItem.of(rid, id, "item", Money.of(amount, "CZK"),
                            "21"));
                    return null;
                }
                return pos.addItem(run.next(), AddItem.of(rid, id, "item", Money.of(amount, "CZK"), "21"));
            }
            case TOP_UP_ITEM -> {
                String id = "l" + (++run.line);
                if (amount.signum() <= 0) {
                    assertThrows(InvalidValueException.class, () -> AddItem.topUp(rid, id, Money.of(amount, "CZK")));
                    return null;
                }
                return pos.addItem(run.next(), AddItem.topUp(rid, id, Money.of(amount, "CZK")));
            }
            case DELETE -> {
                List<ReceiptView.Item> items = pos.receipt(run.shop, rid).items();
                if (items.isEmpty()) {
                    return null;
                }
                return pos.deleteItem(run.next(), new DeleteItem(rid, items.get(op.pick() % items.size()).lineId()));
            }
            case PAY -> {
                if (op.mode() != 3 && pos.receipt(run.shop, rid).items().stream().allMatch(ReceiptView.Item::deleted)) {
                    // Mostly a receipt with something on it is paid, so most refunds have lines to take.
                    return null;
                }
                run.slots[op.receipt()] = null;
                Outcome paid = pos.pay(run.next(), new PayReceipt(rid));
                if (paid.applied()) {
                    run.paid.add(rid);
                }
                return paid;
            }
            case ABANDON -> {
                run.slots[op.receipt()] = null;
                return pos.abandon(run.next(), new AbandonReceipt(rid));
            }
            case MANUAL -> {
                if (amount.signum() == 0) {
                    assertThrows(InvalidValueException.class, () -> new ChangeCredit(CREDIT_CARD, Money.of(amount, "CZK"),
                            "zero"));
                    return null;
                }
                BigDecimal change = op.mode() % 2 == 0 ? amount.abs() : amount.abs().negate();
                if (op.mode() == 3) {
                    // Spends nearly all that is available, so that a top-up refunded later finds its credit spent.
                    BigDecimal spend = pos.statement(run.shop, CREDIT_CARD).available()
                            .subtract(BigDecimal.valueOf(Math.floorMod(op.cents(), 50), 2));
                    if (spend.signum() <= 0) {
                        return null;
                    }
                    change = spend.negate();
                }
                return pos.changeCredit(run.next(), new ChangeCredit(CREDIT_CARD, Money.of(change, "CZK"), "by hand"));
            }
            case SWEEP -> {
                // Past the default hold time (12 hours) now and then, so some reservations expire.
                clock.advance(Duration.ofMinutes(op.pick() < 4 ? 12 * 60 + op.pick() - 2 : Math.abs(op.cents()) % 600));
                return pos.expireHolds(run.next());
            }
            default -> throw new AssertionError(op.toString());
        }
    }

    /**
     * A refund step: the expectation is taken from the receipt's view and the card's ledger before it runs,
     * the refund sent, and what it did compared. Null when there is no paid receipt to refund yet.
     */
    private Outcome refund(PosCards pos, Run run, Op op, AccountKey account, List<LedgerEntry> ledger,
                           CardStatement before, String step) {
        if (op.kind() == Kind.RETRY) {
            if (run.lastRefund == null) {
                return null;
            }
            Outcome again = pos.refund(run.lastRefundCtx, run.lastRefund);
            assertEquals(run.lastRefundOutcome, again, () -> step + ": a retry gives the stored outcome");
            assertEquals(ledger, LedgerInvariants.ledger(store, run.shop, account), () -> step + ": a retry wrote");
            assertEquals(before, pos.statement(run.shop, CREDIT_CARD), () -> step + ": a retry changed the card");
            // The replay reports what the first run wrote, and writes nothing: checked here, not as a new command.
            Statistics.label("outcomes").collect("RETRY " + (again.applied() ? "applied" : "rejected") + ", replayed");
            return null;
        }
        if (run.receipts.isEmpty()) {
            return null;
        }
        // Mostly a paid receipt; now and then any, so open and abandoned ones are asked too.
        List<String> pool = op.mode() == 3 || run.paid.isEmpty() ? run.receipts : run.paid;
        String rid = pool.get(op.pick() % pool.size());
        ReceiptView receipt = pos.receipt(run.shop, rid);
        List<ReceiptView.Item> items = receipt.items();
        Refund refund;
        String refundId = "RF" + (++run.refunds);
        if (op.kind() == Kind.REFUND_WHOLE) {
            refund = Refund.whole(rid, refundId);
        } else if (op.kind() == Kind.REFUND_AGAIN) {
            List<String> refunded = items.stream().map(ReceiptView.Item::lineId).filter(receipt::refunded).toList();
            if (refunded.isEmpty()) {
                return null;
            }
            refund = Refund.lines(rid, refundId, refunded.get(Math.floorMod(op.cents(), refunded.size())));
        } else {
            if (items.isEmpty()) {
                return null;
            }
            // One to three lines from an offset; a line id the receipt does not have now and then.
            Set<String> lines = new LinkedHashSet<>();
            for (int i = 0; i <= op.mode() % 3; i++) {
                lines.add(items.get((op.pick() + i * 3) % items.size()).lineId());
            }
            if (op.cents() % 13 == 0) {
                lines.add("no-such-line");
            }
            refund = new Refund(rid, refundId, List.copyOf(lines));
        }

        // What the refund must do, from the ledger and the receipt as they are.
        Map<String, LineMoves> moves = new LinkedHashMap<>();
        for (ReceiptView.Item i : items) {
            moves.put(i.lineId(), movesOf(ledger, rid, i.lineId()));
        }
        List<String> taken = new ArrayList<>();
        String refusal = null;
        if (!refund.whole() && refund.lineIds().contains("no-such-line")) {
            CommandContext ctx = CommandContext.of(run.shop, MANAGER, "k" + run.keys.incrementAndGet(), DAY);
            NoSuchEntityException e = assertThrows(NoSuchEntityException.class, () -> pos.refund(ctx, refund), step);
            assertEquals("NO_SUCH_RECEIPT_LINE", e.code(), step);
            assertEquals(before, pos.statement(run.shop, CREDIT_CARD), step);
            assertEquals(receipt, pos.receipt(run.shop, rid), step);
            return null;
        }
        if (!receipt.status().equals("PAID")) {
            refusal = "RECEIPT_NOT_PAID";
        } else if (refund.whole()) {
            for (ReceiptView.Item i : items) {
                if (!i.deleted() && !receipt.refunded(i.lineId())) {
                    taken.add(i.lineId());
                }
            }
            if (items.stream().noneMatch(i -> !i.deleted())) {
                refusal = "NOTHING_TO_REFUND";
            } else if (taken.isEmpty()) {
                refusal = "RECEIPT_ALREADY_REFUNDED";
            }
        } else {
            for (ReceiptView.Item i : items) {
                if (!refund.lineIds().contains(i.lineId())) {
                    continue;
                }
                if (i.deleted()) {
                    refusal = refusal == null ? "LINE_DELETED" : refusal;
                } else if (receipt.refunded(i.lineId())) {
                    refusal = refusal == null || refusal.equals("LINE_DELETED") ? "LINE_ALREADY_REFUNDED" : refusal;
                }
                taken.add(i.lineId());
            }
        }
        BigDecimal back = taken.stream().map(l -> moves.get(l).drawn()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal off = taken.stream().map(l -> moves.get(l).loaded()).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (refusal == null && CREDIT_CARD.equals(receipt.cardNumber())
                && before.available().add(back).compareTo(off) < 0) {
            refusal = "CREDIT_ALREADY_SPENT";
        }
        for (String l : taken) {
            // A paid line the view shows drawn drew its price; a top-up loaded its price: the ledger agrees.
            ReceiptView.Item i = items.stream().filter(x -> x.lineId().equals(l)).findFirst().orElseThrow();
            if (receipt.status().equals("PAID") && !i.deleted() && CREDIT_CARD.equals(receipt.cardNumber())) {
                assertEquals(0, (i.drawn() ? i.price() : BigDecimal.ZERO).compareTo(moves.get(l).drawn()), step);
                assertEquals(0, (i.creditItem() ? i.price() : BigDecimal.ZERO).compareTo(moves.get(l).loaded()), step);
            }
        }

        CommandContext ctx = CommandContext.of(run.shop, MANAGER, "k" + run.keys.incrementAndGet(), DAY);
        Outcome o = pos.refund(ctx, refund);
        run.lastRefundCtx = ctx;
        run.lastRefund = refund;
        run.lastRefundOutcome = o;
        String expected = refusal;
        if (expected != null) {
            assertTrue(o.rejected(), () -> step + ": expected " + expected + ", was applied");
            assertTrue(o.reasonCodes().contains(expected), () -> step + ": expected " + expected + ", was "
                    + o.reasonCodes());
            assertEquals(receipt, pos.receipt(run.shop, rid), () -> step + ": a refused refund changed the receipt");
            return o;
        }
        assertTrue(o.applied(), () -> step + ": expected applied, was " + o.reasonCodes());
        // Exactly the draws back and the top-ups off of the lines taken, each on its receipt and line.
        List<String> wanted = new ArrayList<>();
        for (String l : taken) {
            LineMoves m = moves.get(l);
            if (m.drawn().signum() > 0) {
                wanted.add(l + " " + m.drawn().stripTrailingZeros().toPlainString());
            }
            if (m.loaded().signum() > 0) {
                wanted.add(l + " " + m.loaded().negate().stripTrailingZeros().toPlainString());
            }
        }
        List<String> wrote = o.entries().stream().peek(e -> {
            assertEquals(EntryKind.REVERSE, e.kind(), step);
            assertEquals(rid, e.document(), step);
            assertEquals(account, e.account(), step);
        }).map(e -> e.line() + " " + e.amount().stripTrailingZeros().toPlainString()).sorted().toList();
        assertEquals(wanted.stream().sorted().toList(), wrote, () -> step + ": the refund's entries");
        ReceiptView after = pos.receipt(run.shop, rid);
        taken.forEach(l -> assertTrue(after.refunded(l), () -> step + ": line " + l + " shown refunded"));
        return o;
    }

    /** What the ledger shows a line moved on the card: its draws, its loads, and what refunds moved back. */
    private static LineMoves movesOf(List<LedgerEntry> ledger, String receipt, String line) {
        BigDecimal drawn = BigDecimal.ZERO;
        BigDecimal loaded = BigDecimal.ZERO;
        BigDecimal refunded = BigDecimal.ZERO;
        for (LedgerEntry e : ledger) {
            if (!receipt.equals(e.document()) || !line.equals(e.line())) {
                continue;
            }
            switch (e.kind()) {
                case CAPTURE -> drawn = drawn.subtract(e.amount());
                case TOP_UP -> loaded = loaded.add(e.amount());
                case REVERSE -> refunded = refunded.add(e.amount());
                default -> {
                }
            }
        }
        return new LineMoves(drawn, loaded, refunded);
    }

    private void assertInvariants(Run run, AccountKey account, CardStatement s, List<LedgerEntry> ledger, String step) {
        LedgerInvariants.assertBalanced(store, run.shop, account, ledger, step);
        assertTrue(s.credit().signum() >= 0, () -> step + ": credit below zero " + s.credit());
        assertTrue(s.available().signum() >= 0, () -> step + ": available below zero " + s.available());
        BigDecimal movements = s.movements().stream().filter(CardMovement::changesCredit).map(CardMovement::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, movements.compareTo(s.credit()), () -> step + ": credit " + s.credit()
                + " == the sum of its movements " + movements);
        assertEquals(0, LedgerInvariants.sum(ledger).compareTo(s.credit()), () -> step + ": credit == the ledger");
        long refundMovements = s.movements().stream().filter(m -> m.kind() == CardMovement.Kind.REFUND).count();
        assertEquals(ledger.stream().filter(e -> e.kind() == EntryKind.REVERSE).count(), refundMovements,
                () -> step + ": every refund entry is on the statement");
        // Per line: never more back than was drawn, never more taken back than was loaded, and a refunded
        // line leaves nothing of it on the card.
        Map<String, List<LedgerEntry>> byLine = new LinkedHashMap<>();
        for (LedgerEntry e : ledger) {
            if (e.document() != null && e.line() != null) {
                byLine.computeIfAbsent(e.document() + "/" + e.line(), k -> new ArrayList<>()).add(e);
            }
        }
        byLine.forEach((key, entries) -> {
            BigDecimal drawn = BigDecimal.ZERO;
            BigDecimal loaded = BigDecimal.ZERO;
            BigDecimal givenBack = BigDecimal.ZERO;
            BigDecimal takenBack = BigDecimal.ZERO;
            for (LedgerEntry e : entries) {
                switch (e.kind()) {
                    case CAPTURE -> drawn = drawn.subtract(e.amount());
                    case TOP_UP -> loaded = loaded.add(e.amount());
                    case REVERSE -> {
                        if (e.amount().signum() > 0) {
                            givenBack = givenBack.add(e.amount());
                        } else {
                            takenBack = takenBack.subtract(e.amount());
                        }
                    }
                    default -> {
                    }
                }
            }
            BigDecimal d = drawn;
            BigDecimal l = loaded;
            BigDecimal g = givenBack;
            BigDecimal t = takenBack;
            assertTrue(g.compareTo(d) <= 0, () -> step + ": " + key + " gave back " + g + " of " + d + " drawn");
            assertTrue(t.compareTo(l) <= 0, () -> step + ": " + key + " took back " + t + " of " + l + " loaded");
            if (g.signum() > 0 || t.signum() > 0) {
                assertEquals(0, g.compareTo(d), () -> step + ": " + key + " refunded, its draw back whole");
                assertEquals(0, t.compareTo(l), () -> step + ": " + key + " refunded, its top-up off whole");
            }
        });
    }
}

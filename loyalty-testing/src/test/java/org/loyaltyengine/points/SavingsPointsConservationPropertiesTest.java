package org.loyaltyengine.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.PointsRequests.Cancellation;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.PointsRequests.PriceChange;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.rules.facts.PointsPaymentResult;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.LedgerInvariants;
import org.loyaltyengine.testing.points.PointsArbitraries;
import org.loyaltyengine.testing.points.PointsFixtures;

/**
 * Value conservation of the savings points over random command sequences that include the odd but legal
 * cases: credit lines, zero and negative prices, price changes below zero, point values at which small
 * payments are worth less than a hundredth of a point, amounts of a cent, partial cancellations, years
 * without earning (so expiry) followed by cancellations, price changes and returns of points paid.
 *
 * <p>Every expected figure comes from {@link Model}, a plain re-statement of the policy written down in
 * the rule files (earning, rounding up of payments, give-backs, the unexpired remainder), not from the
 * code under test. After every command: the outcome is applied or rejected as the model says; its entries
 * are the model's and exactly the entries the ledger gained, none of zero amount; the balance is the sum of
 * the ledger and the model's; the analysis adds up (available = earned - used - expired) to the model's
 * totals; per booking the points given back never exceed the points taken, and the booking shows the
 * model's points paid and value paid.
 */
class SavingsPointsConservationPropertiesTest {
    private static final InMemoryStore STORE = new InMemoryStore();
    private static final LoyaltyEngine ENGINE = LoyaltyEngine.builder().store(STORE).build();
    private static final BigDecimal ZERO = BigDecimal.ZERO.setScale(2);
    private static final String CUSTOMER = "c1";

    enum Kind { BOOK, PAY_POINTS, PAY_MONEY, PRICE_CHANGE, CANCEL_LINE, CANCEL_BOOKING, MANUAL, YEAR_END }

    record Op(Kind kind, int booking, int line, long cents, List<Long> prices) {
    }

    record Plan(String rate, String pointValue, boolean recalculate, long openingCents) {
    }

    /** Amounts in cents: mostly ordinary, often a cent or a few, sometimes zero or a credit. */
    private static Arbitrary<Long> cents() {
        return PointsArbitraries.cents();
    }

    @Provide
    Arbitrary<Op> op() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(
                Tuple.of(2, Kind.BOOK), Tuple.of(4, Kind.PAY_POINTS),
                Tuple.of(1, Kind.PAY_MONEY), Tuple.of(4, Kind.PRICE_CHANGE),
                Tuple.of(2, Kind.CANCEL_LINE), Tuple.of(1, Kind.CANCEL_BOOKING),
                Tuple.of(1, Kind.MANUAL), Tuple.of(2, Kind.YEAR_END));
        // mostly the latest booking, so payments, cuts and cancellations meet on one booking
        Arbitrary<Integer> booking = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(1, 1), Tuple.of(1, 2), Tuple.of(1, 3));
        return Combinators.combine(kinds, booking, Arbitraries.integers().between(0, 2),
                cents(), cents().list().ofMinSize(1).ofMaxSize(3)).as(Op::new);
    }

    @Provide
    Arbitrary<Plan> plan() {
        return Combinators.combine(PointsArbitraries.rates(), PointsArbitraries.pointValues(),
                Arbitraries.of(true, false), Arbitraries.of(0L, 5L, 100_000L)).as(Plan::new);
    }

    @Property(tries = 200)
    @Tag("X-3")
    @Tag("X-9")
    @Tag("X-13")
    @Tag("SP-6")
    @Tag("SP-14")
    @Tag("SP-15")
    @Tag("SP-17")
    void anySequence_conservesValue(@ForAll("plan") Plan plan, @ForAll @Size(min = 1, max = 20) List<@From("op") Op> ops) {
        PointsFixtures f = new PointsFixtures(ENGINE, STORE);
        f.customer(CUSTOMER);
        f.supplier(Supplier.enabled("TUI"));
        Model m = new Model(new BigDecimal(plan.rate()), new BigDecimal(plan.pointValue()), plan.recalculate());
        f.on(m.year + "-02-01");
        f.set("rate", plan.rate(), "pointValue", plan.pointValue(), "paymentType", "SPAARPUNTEN",
                "directlyAvailable", "true", "negativePointsAllowed", "true", "expiryEnabled", "true",
                "recalculateOnPriceChange", Boolean.toString(plan.recalculate()));
        if (plan.openingCents() > 0) {
            BigDecimal opening = BigDecimal.valueOf(plan.openingCents(), 2);
            check(f, m, "opening", f.points.manualEntry(f.admin(), new ManualEntry(CUSTOMER, opening, "opening")),
                    m.manual(opening));
        }
        run(f, m, new Op(Kind.BOOK, 0, 0, 0, ops.get(0).prices())); // something to pay, change and cancel
        for (Op op : ops) {
            run(f, m, op);
        }
    }

    @Provide
    Arbitrary<Op> cut() {
        Arbitrary<Kind> kinds = Arbitraries.frequency(Tuple.of(5, Kind.PRICE_CHANGE), Tuple.of(2, Kind.CANCEL_LINE),
                Tuple.of(2, Kind.PAY_POINTS), Tuple.of(1, Kind.CANCEL_BOOKING), Tuple.of(1, Kind.YEAR_END));
        return Combinators.combine(kinds, Arbitraries.just(0), Arbitraries.integers().between(0, 2), cents(),
                Arbitraries.just(List.<Long>of())).as(Op::new);
    }

    @Property(tries = 200)
    @Tag("X-13")
    @Tag("X-9")
    @Tag("SP-15")
    void paidWithPointsThenCut_neverGivesBackMoreThanWasTaken(@ForAll("plan") Plan plan,
            @ForAll @Size(min = 1, max = 3) List<@IntRange(min = 1, max = 60_000) Long> prices,
            @ForAll @Size(min = 1, max = 8) List<@From("cut") Op> ops) {
        PointsFixtures f = new PointsFixtures(ENGINE, STORE);
        f.customer(CUSTOMER);
        f.supplier(Supplier.enabled("TUI"));
        Model m = new Model(new BigDecimal(plan.rate()), new BigDecimal(plan.pointValue()), plan.recalculate());
        f.on(m.year + "-02-01");
        f.set("rate", plan.rate(), "pointValue", plan.pointValue(), "paymentType", "SPAARPUNTEN",
                "directlyAvailable", "true", "negativePointsAllowed", "true", "expiryEnabled", "true",
                "recalculateOnPriceChange", Boolean.toString(plan.recalculate()));
        run(f, m, new Op(Kind.BOOK, 0, 0, 0, prices));
        run(f, m, new Op(Kind.PAY_POINTS, 0, 0, 9, List.of())); // all that is left to pay
        for (Op op : ops) {
            run(f, m, op);
        }
    }

    private static void run(PointsFixtures f, Model m, Op op) {
        BookingM b = m.bookings.isEmpty() ? null
                : m.bookings.get(m.bookings.size() - 1 - op.booking() % m.bookings.size());
        BigDecimal amount = BigDecimal.valueOf(Math.abs(op.cents()) + 1, 2);
        switch (op.kind()) {
            case BOOK -> {
                String id = "B" + (m.bookings.size() + 1);
                List<Service> services = new ArrayList<>();
                List<BigDecimal> prices = new ArrayList<>();
                for (int i = 0; i < op.prices().size(); i++) {
                    BigDecimal price = BigDecimal.valueOf(op.prices().get(i), 2);
                    prices.add(price);
                    services.add(PointsFixtures.service(Integer.toString(i + 1), "TUI", "flight", price.toPlainString()));
                }
                check(f, m, op, f.book(id, CUSTOMER, services.toArray(Service[]::new)), m.book(id, prices));
            }
            case PAY_POINTS -> {
                if (b != null) {
                    BigDecimal pay = payable(b, op, amount);
                    Outcome o = f.payWithPoints(b.id, pay.toPlainString());
                    check(f, m, op, o, m.payWithPoints(b, pay));
                    if (o.applied()) {
                        BigDecimal taken = o.result(PointsPaymentResult.class).orElseThrow().points();
                        assertTrue(taken.signum() > 0 && taken.multiply(m.pointValue).compareTo(pay) >= 0,
                                () -> op + ": " + taken + " points at " + m.pointValue + " paid " + pay);
                    }
                }
            }
            case PAY_MONEY -> {
                if (b != null) {
                    BigDecimal pay = payable(b, op, amount);
                    check(f, m, op, f.payMoney(b.id, pay.toPlainString()), m.payMoney(b, pay));
                }
            }
            case PRICE_CHANGE -> {
                if (b != null) {
                    LineM l = b.lines.get(op.line() % b.lines.size());
                    // a cut of a cent or a few, or any new price (zero and below included)
                    BigDecimal price = op.cents() >= 1 && op.cents() <= 5
                            ? l.price.subtract(BigDecimal.valueOf(op.cents(), 2)) : BigDecimal.valueOf(op.cents(), 2);
                    check(f, m, op, f.points.changePrice(f.clerk(), new PriceChange(b.id, l.id, PointsFixtures.eur(
                            price.toPlainString()))), m.changePrice(b, l, price));
                }
            }
            case CANCEL_LINE -> {
                if (b != null) {
                    LineM l = b.lines.get(op.line() % b.lines.size());
                    check(f, m, op, f.points.cancel(f.clerk(), Cancellation.ofLine(b.id, l.id)), m.cancel(b, l));
                }
            }
            case CANCEL_BOOKING -> {
                if (b != null) {
                    check(f, m, op, f.points.cancel(f.clerk(), Cancellation.ofBooking(b.id)), m.cancel(b, null));
                }
            }
            case MANUAL -> {
                BigDecimal points = BigDecimal.valueOf(op.cents() == 0 ? 1 : op.cents(), 2);
                check(f, m, op, f.points.manualEntry(f.admin(), new ManualEntry(CUSTOMER, points, "correction")),
                        m.manual(points));
            }
            case YEAR_END -> {
                f.on(m.year + "-12-31");
                check(f, m, op, f.points.expireYear(f.admin(), new ExpireYear(m.year)), m.expire());
                m.year++;
                f.on(m.year + "-02-01");
            }
        }
    }

    /**
     * A payment's amount: a cent or a few, all that is left to pay, a share of it (so most are applied), or
     * the generated amount as it is (often more than is left).
     */
    private static BigDecimal payable(BookingM b, Op op, BigDecimal amount) {
        if (op.cents() >= 1 && op.cents() <= 5) {
            return BigDecimal.valueOf(op.cents(), 2);
        }
        BigDecimal share = op.cents() % 3 == 0 ? b.remainder() : b.remainder()
                .multiply(BigDecimal.valueOf(Math.floorMod(op.cents(), 100) + 1, 2)).setScale(2, RoundingMode.DOWN);
        return op.cents() % 7 == 0 || share.signum() <= 0 ? amount : share;
    }

    /** What the model expects of one command: the reason codes (none: applied) and the entries. */
    record Expected(Set<String> rejections, List<String> entries) {
        static Expected applied(List<String> entries) {
            return new Expected(Set.of(), entries);
        }

        static Expected rejected(Set<String> codes) {
            return new Expected(codes, List.of());
        }
    }

    private static void check(PointsFixtures f, Model m, Object op, Outcome o, Expected expected) {
        List<LedgerEntry> before = m.ledgerSeen;
        List<LedgerEntry> ledger = LedgerInvariants.ledger(f.store, f.agency, SavingsPoints.accountOf(CUSTOMER));
        String context = op + " -> " + o.status() + " " + o.rejections() + " " + o.entries();
        List<LedgerEntry> added = LedgerInvariants.written(before, ledger, context);
        m.ledgerSeen = ledger;
        LedgerInvariants.assertWroteWhatItReports(o, added, context);
        assertEquals(expected.rejections(), new TreeSet<>(o.reasonCodes()), context);
        assertEquals(sorted(expected.entries()), sorted(o.entries().stream().map(Model::describe).toList()), context);
        assertEquals(sorted(o.entries().stream().map(Model::describe).toList()),
                sorted(added.stream().map(Model::describe).toList()), () -> context + ": ledger gained " + added);
        o.entries().forEach(e -> assertTrue(e.amount().signum() != 0, context));

        BigDecimal balance = f.balance(CUSTOMER);
        LedgerInvariants.assertBalanced(f.store, f.agency, SavingsPoints.accountOf(CUSTOMER), ledger, context);
        BigDecimal sum = LedgerInvariants.sum(ledger);
        assertEquals(0, balance.compareTo(sum), () -> context + ": balance " + balance + ", ledger sums to " + sum);
        assertEquals(0, balance.compareTo(m.balance), () -> context + ": balance " + balance + ", model " + m.balance);

        PointsAnalysis a = f.points.analysis(f.agency, PointsFixtures.READER, CUSTOMER);
        assertEquals(0, a.totalEarned().compareTo(m.earned), () -> context + ": earned " + a.totalEarned() + " model " + m.earned);
        assertEquals(0, a.totalUsed().compareTo(m.used), () -> context + ": used " + a.totalUsed() + " model " + m.used);
        assertEquals(0, a.totalExpired().compareTo(m.expired), () -> context + ": expired " + a.totalExpired()
                + " model " + m.expired);
        assertEquals(0, a.totalEarned().subtract(a.totalUsed()).subtract(a.totalExpired()).compareTo(balance), context);
        if (!a.years().isEmpty()) {
            assertEquals(0, a.years().get(a.years().size() - 1).available().compareTo(balance), context);
        }

        for (BookingM b : m.bookings) {
            BigDecimal taken = ledger.stream().filter(e -> b.id.equals(e.document()) && e.kind() == EntryKind.REDEEM)
                    .map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add).negate();
            BigDecimal givenBack = ledger.stream().filter(e -> b.id.equals(e.document())
                    && PointsLedger.REFUND_LINE.equals(e.line())).map(LedgerEntry::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertTrue(givenBack.compareTo(taken) <= 0, () -> context + ": " + b.id + " gave back " + givenBack
                    + " of " + taken + " points taken");
            BookingView view = f.points.booking(f.agency, PointsFixtures.READER, b.id);
            assertEquals(0, view.paidPoints().compareTo(b.paidPoints), () -> context + ": " + b.id + " paid points "
                    + view.paidPoints() + " model " + b.paidPoints);
            assertEquals(0, view.paidPointsValue().amount().compareTo(b.paidValue), () -> context + ": " + b.id
                    + " paid value " + view.paidPointsValue() + " model " + b.paidValue);
            for (LineM l : b.lines) {
                BookingView.Line line = view.lines().stream().filter(x -> x.lineId().equals(l.id)).findFirst().orElseThrow();
                assertEquals(0, line.points().compareTo(l.net), () -> context + ": " + b.id + "/" + l.id + " holds "
                        + line.points() + " model " + l.net);
            }
        }
    }

    private static List<String> sorted(List<String> l) {
        return l.stream().sorted().toList();
    }

    // ------------------------------------------------------------------ the model

    static final class LineM {
        final String id;
        BigDecimal price;
        BigDecimal net = ZERO;
        BigDecimal expired = ZERO;
        boolean cancelled;

        LineM(String id, BigDecimal price) {
            this.id = id;
            this.price = price;
        }
    }

    static final class BookingM {
        final String id;
        final List<LineM> lines = new ArrayList<>();
        BigDecimal paidMoney = ZERO;
        BigDecimal paidValue = ZERO;
        BigDecimal paidPoints = ZERO;
        boolean cancelled;

        BookingM(String id) {
            this.id = id;
        }

        BigDecimal total() {
            return lines.stream().filter(l -> !l.cancelled).map(l -> l.price).reduce(ZERO, BigDecimal::add);
        }

        BigDecimal remainder() {
            return total().subtract(paidMoney).subtract(paidValue);
        }
    }

    /** Points a source (a booking line, a manual credit) holds since the last expiry, and since when. */
    static final class Source {
        final String key;
        final LineM line;
        BigDecimal open = ZERO;
        long since = -1;

        Source(String key, LineM line) {
            this.key = key;
            this.line = line;
        }
    }

    /** The savings points as the rule files describe them, for one customer with every switch as set above. */
    static final class Model {
        final BigDecimal rate;
        final BigDecimal pointValue;
        final boolean recalculate;
        final List<BookingM> bookings = new ArrayList<>();
        final Map<String, Source> sources = new LinkedHashMap<>();
        int year = 2023;
        long command;
        BigDecimal balance = ZERO;
        BigDecimal earned = ZERO;
        BigDecimal used = ZERO;
        BigDecimal expired = ZERO;
        BigDecimal earnedThisYear = ZERO;
        boolean credited;
        List<LedgerEntry> ledgerSeen = List.of();
        private List<String> entries;

        Model(BigDecimal rate, BigDecimal pointValue, boolean recalculate) {
            this.rate = rate;
            this.pointValue = pointValue;
            this.recalculate = recalculate;
        }

        static String describe(LedgerEntry e) {
            return e.kind() + " " + e.amount().setScale(2).toPlainString() + " " + e.document() + "/" + e.line();
        }

        private void begin() {
            command++;
            entries = new ArrayList<>();
        }

        private Expected done() {
            return Expected.applied(entries);
        }

        /** Price x rate to 2 decimals towards zero (no base amount, no rounding factor). */
        BigDecimal pointsOf(BigDecimal price) {
            return price.multiply(rate).setScale(2, RoundingMode.DOWN);
        }

        private void earn(EntryKind kind, BigDecimal points, BookingM b, LineM l) {
            if (points.signum() == 0) {
                return;
            }
            post(kind, points, b.id, l.id);
            l.net = l.net.add(points);
            earned = earned.add(points);
            earnedThisYear = earnedThisYear.add(points);
            credited |= points.signum() > 0;
            Source s = sources.computeIfAbsent(b.id + "\u0000" + l.id, k -> new Source(k, l));
            if (s.since < 0) {
                s.since = command;
            }
            s.open = s.open.add(points);
        }

        private void post(EntryKind kind, BigDecimal amount, String document, String line) {
            entries.add(kind + " " + amount.setScale(2).toPlainString() + " " + document + "/" + line);
            balance = balance.add(amount);
        }

        Expected book(String id, List<BigDecimal> prices) {
            begin();
            BookingM b = new BookingM(id);
            bookings.add(b);
            for (int i = 0; i < prices.size(); i++) {
                LineM l = new LineM(Integer.toString(i + 1), prices.get(i));
                b.lines.add(l);
                earn(EntryKind.EARN, pointsOf(l.price), b, l);
            }
            return done();
        }

        Expected manual(BigDecimal points) {
            begin();
            if (points.signum() < 0 && balance.add(points).signum() < 0) {
                return Expected.rejected(Set.of("INSUFFICIENT_POINTS"));
            }
            post(EntryKind.MANUAL, points, null, null);
            earned = earned.add(points);
            earnedThisYear = earnedThisYear.add(points);
            if (points.signum() > 0) {
                credited = true;
                Source s = new Source("manual\u0000" + command, null);
                s.open = points;
                s.since = command;
                sources.put(s.key, s);
            }
            return done();
        }

        Expected payWithPoints(BookingM b, BigDecimal amount) {
            begin();
            BigDecimal needed = amount.divide(pointValue, 2, RoundingMode.UP);
            Set<String> codes = new TreeSet<>();
            if (b.cancelled) {
                codes.add("BOOKING_CANCELLED");
            } else if (b.remainder().compareTo(amount) < 0) {
                codes.add("PAYMENT_EXCEEDS_REMAINDER");
            }
            if (!credited && balance.compareTo(needed) < 0) {
                codes.add("INSUFFICIENT_POINTS");
            }
            if (!codes.isEmpty()) {
                return Expected.rejected(codes);
            }
            post(EntryKind.REDEEM, needed.negate(), b.id, PointsLedger.PAYMENT_LINE);
            used = used.add(needed);
            b.paidValue = b.paidValue.add(amount);
            b.paidPoints = b.paidPoints.add(needed);
            return done();
        }

        Expected payMoney(BookingM b, BigDecimal amount) {
            begin();
            if (b.cancelled) {
                return Expected.rejected(Set.of("BOOKING_CANCELLED"));
            }
            if (b.remainder().compareTo(amount) < 0) {
                return Expected.rejected(Set.of("PAYMENT_EXCEEDS_REMAINDER"));
            }
            b.paidMoney = b.paidMoney.add(amount);
            return done();
        }

        Expected changePrice(BookingM b, LineM l, BigDecimal price) {
            begin();
            Set<String> codes = new TreeSet<>();
            if (b.cancelled) {
                codes.add("BOOKING_CANCELLED");
            }
            if (l.cancelled) {
                codes.add("LINE_CANCELLED");
            }
            if (!codes.isEmpty()) {
                return Expected.rejected(codes);
            }
            if (recalculate) {
                // the expired points stay with the line; a price below zero costs its own points on top
                BigDecimal computed = pointsOf(price);
                BigDecimal target = l.expired.add(computed.subtract(l.expired).max(computed.min(ZERO)));
                earn(EntryKind.ADJUST, target.subtract(l.net), b, l);
            }
            l.price = price;
            giveBack(b, b.total());
            return done();
        }

        Expected cancel(BookingM b, LineM only) {
            begin();
            if (b.cancelled) {
                return done();
            }
            if (only != null && only.cancelled) {
                giveBack(b, b.total()); // what an earlier cut left, worth less than 0.01 points, may come back now
                return done();
            }
            for (LineM l : b.lines) {
                if (!l.cancelled && (only == null || l == only)) {
                    // takes back what the line holds, less what of it expired
                    earn(EntryKind.REVERSE, l.expired.subtract(l.net), b, l);
                    l.cancelled = true;
                }
            }
            giveBack(b, only == null ? ZERO : b.total());
            b.cancelled = only == null;
            return done();
        }

        /** Points paid beyond the new price come back at the booking's own rate, rounded down; all at the end. */
        private void giveBack(BookingM b, BigDecimal newTotal) {
            BigDecimal kept = newTotal.max(ZERO);
            if (b.paidPoints.signum() <= 0 || b.paidValue.compareTo(kept) <= 0) {
                return;
            }
            BigDecimal value = b.paidValue.subtract(kept);
            BigDecimal points = value.compareTo(b.paidValue) == 0 ? b.paidPoints
                    : b.paidPoints.multiply(value).divide(b.paidValue, 2, RoundingMode.DOWN);
            if (points.signum() == 0) {
                return;
            }
            post(EntryKind.REVERSE, points, b.id, PointsLedger.REFUND_LINE);
            used = used.subtract(points);
            b.paidValue = b.paidValue.subtract(value);
            b.paidPoints = b.paidPoints.subtract(points);
        }

        /** On 31 December: a year without earning expires the whole (positive) balance, newest sources first. */
        Expected expire() {
            begin();
            BigDecimal unused = balance;
            boolean expires = earnedThisYear.signum() <= 0 && unused.signum() > 0;
            earnedThisYear = ZERO;
            if (!expires) {
                return done(); // a run that expires nothing closes nothing: a later year's expiry sees the points
            }
            post(EntryKind.EXPIRE, unused.negate(), SavingsPoints.EXPIRY_DOCUMENT + year, null);
            expired = expired.add(unused);
            List<Source> shares = sources.values().stream().filter(s -> s.open.signum() > 0)
                    .sorted(Comparator.comparingLong((Source s) -> s.since).reversed()
                            .thenComparing(s -> s.key)).toList();
            BigDecimal left = unused;
            for (Source s : shares) {
                BigDecimal taken = s.open.min(left);
                if (s.line != null) {
                    s.line.expired = s.line.expired.add(taken);
                }
                left = left.subtract(taken);
            }
            sources.values().forEach(s -> {
                s.open = ZERO;
                s.since = -1;
            });
            return done();
        }
    }
}

package org.loyaltyengine.testing.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.Size;

import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.BookingView;
import org.loyaltyengine.points.PointsAnalysis;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.points.PointsRequests.Cancellation;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.PointsRequests.PointsPayment;
import org.loyaltyengine.points.PointsRequests.PriceChange;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.rules.facts.PointsPaymentResult;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.LedgerInvariants;
import org.loyaltyengine.testing.points.PointsArbitraries.ReturnKind;
import org.loyaltyengine.testing.points.PointsArbitraries.ReturnStep;

/**
 * Returns of a travel booking (SPEC X-13) over random command sequences: bookings, points payments (at the point
 * value, at a rate or for points given with them, SPEC SP-21), money payments, price changes, partial and whole
 * cancellations, the same cancellation again, and year ends that let points expire before a cancellation.
 *
 * <p>After every command, from the ledger and the booking as the clerk sees it before and after it, never from
 * the code's own figures: the points a booking's payments took come back at most once and never beyond what was
 * taken; a give-back comes at the booking's own rate (points per value paid), never richer, and leaves the points
 * kept covering the value kept; a cancelled booking has every point paid back and no value paid left; a
 * cancellation takes back at most what a line held and leaves on a cancelled line only points that expired (so
 * none while nothing expired, and never more than expired in all); a second cancellation of what is cancelled
 * takes nothing back again; a price change moves the line's points with the price, never against it, and no
 * other line's; and the ledger holds exactly what the outcomes say, the balance is its sum, and earned - used -
 * expired is the balance.
 *
 * <p>A store runs it by extending this class with {@link #newStore()}; each try works in a tenant of its own, so one
 * store serves every try of the class. A store on a database may run fewer tries ({@code @PropertyDefaults} on the
 * subclass).
 */
@PropertyDefaults(tries = 150)
public abstract class SavingsPointsReturnsProperties {
    private LoyaltyStore store;
    private LoyaltyEngine engine;
    private static final String CUSTOMER = "c1";
    private static final String[] OWN_RATES = {"0.25", "0.30", "1.00", "2.50"};
    private static final String[] OWN_POINTS_PER_UNIT = {"0.5", "1", "3"};

    /** The store under test; asked once per instance of the class (jqwik makes one per property). */
    protected abstract LoyaltyStore newStore();

    private PointsFixtures fixtures() {
        if (store == null) {
            store = newStore();
            engine = LoyaltyEngine.builder().store(store).build();
        }
        return new PointsFixtures(engine, store);
    }

    public record Plan(String rate, String pointValue, boolean recalculate) {
    }

    @Provide
    Arbitrary<Plan> plan() {
        return Combinators.combine(PointsArbitraries.rates(), PointsArbitraries.pointValues(),
                net.jqwik.api.Arbitraries.of(true, false)).as(Plan::new);
    }

    @Provide
    Arbitrary<ReturnStep> steps() {
        return PointsArbitraries.returnSteps();
    }

    /**
     * A source an expiry may fall on, as the policy written in ledger.drl states it: a booking line or a manual
     * credit, holding what it earned since the last expiry ({@code open}), from the command that first earned
     * it since then ({@code since}).
     */
    static final class Source {
        final String document;
        final String line;
        BigDecimal open = BigDecimal.ZERO;
        long since = -1;
        BigDecimal expired = BigDecimal.ZERO;

        Source(String document, String line) {
            this.document = document;
            this.line = line;
        }
    }

    /**
     * The run's state besides the store: the bookings made, the last cancellation sent, the year, and how much of
     * each source expired, worked out from the ledger by the stated policy (not read from the engine): an expiry
     * falls on the sources that started earning last first, each up to what it holds; afterwards every source
     * starts afresh.
     */
    static final class Run {
        final PointsFixtures f;
        final List<String> bookings = new ArrayList<>();
        final Map<String, Source> sources = new java.util.LinkedHashMap<>();
        Cancellation lastCancel;
        int year = 2023;
        long command;
        List<LedgerEntry> ledger = List.of();

        void applied(List<LedgerEntry> added) {
            command++;
            for (LedgerEntry e : added.stream().sorted(java.util.Comparator.comparingLong(LedgerEntry::sequence))
                    .toList()) {
                if (e.kind() == EntryKind.EXPIRE) {
                    expire(e.amount().negate());
                } else if (e.kind() == EntryKind.MANUAL && e.amount().signum() > 0) {
                    earn(new Source("manual", Long.toString(e.sequence())), e.amount());
                } else if (e.document() != null && e.kind() != EntryKind.REDEEM && e.kind() != EntryKind.MANUAL
                        && !SavingsPoints.PAYMENT_LINE.equals(e.line()) && !SavingsPoints.REFUND_LINE.equals(e.line())) {
                    earn(sources.computeIfAbsent(e.document() + "/" + e.line(), k -> new Source(e.document(), e.line())),
                            e.amount());
                }
            }
        }

        private void earn(Source s, BigDecimal amount) {
            sources.putIfAbsent(s.document + "/" + s.line, s);
            if (s.since < 0) {
                s.since = command;
            }
            s.open = s.open.add(amount);
        }

        private void expire(BigDecimal points) {
            BigDecimal left = points;
            for (Source s : sources.values().stream().filter(x -> x.open.signum() > 0)
                    .sorted(java.util.Comparator.comparingLong((Source x) -> x.since).reversed()
                            .thenComparing(x -> x.document).thenComparing(x -> x.line)).toList()) {
                BigDecimal taken = s.open.min(left);
                s.expired = s.expired.add(taken);
                left = left.subtract(taken);
            }
            sources.values().forEach(x -> {
                x.open = BigDecimal.ZERO;
                x.since = -1;
            });
        }

        BigDecimal expiredOf(String booking, String line) {
            Source s = sources.get(booking + "/" + line);
            return s == null ? BigDecimal.ZERO : s.expired;
        }

        Run(PointsFixtures f) {
            this.f = f;
        }
    }

    @Property
    @Tag("X-13")
    @Tag("X-3")
    @Tag("SP-6")
    @Tag("SP-14")
    @Tag("SP-21")
    void cancellations_reverseEarnedAndRedeemedInProportion_once_neverMoreThanTaken_neverExpiredPoints(
            @ForAll("plan") Plan plan, @ForAll @Size(min = 1, max = 25) List<@From("steps") ReturnStep> steps) {
        PointsFixtures f = fixtures();
        f.customer(CUSTOMER);
        f.supplier(Supplier.enabled("TUI"));
        Run run = new Run(f);
        f.on(run.year + "-02-01");
        f.set("rate", plan.rate(), "pointValue", plan.pointValue(), "paymentType", "SPAARPUNTEN",
                "directlyAvailable", "true", "negativePointsAllowed", "true", "expiryEnabled", "true",
                "ownCurrencyAllowed", "true", "recalculateOnPriceChange", Boolean.toString(plan.recalculate()));
        step(run, new ReturnStep(ReturnKind.BOOK, 0, 0, 0, steps.get(0).prices()), () -> f.points.manualEntry(
                f.admin(), new ManualEntry(CUSTOMER, new BigDecimal("500"), "opening")));
        step(run, new ReturnStep(ReturnKind.BOOK, 0, 0, 0, steps.get(0).prices()), () -> book(run, steps.get(0)));
        for (ReturnStep s : steps) {
            step(run, s, () -> send(run, s));
        }
    }

    private static Outcome book(Run run, ReturnStep s) {
        String id = "B" + (run.bookings.size() + 1);
        run.bookings.add(id);
        List<Service> services = new ArrayList<>();
        for (int i = 0; i < s.prices().size(); i++) {
            services.add(PointsFixtures.service(Integer.toString(i + 1), "TUI", "package",
                    BigDecimal.valueOf(s.prices().get(i), 2).toPlainString()));
        }
        return run.f.book(id, CUSTOMER, services.toArray(Service[]::new));
    }

    /** Sends the step's command; null when it has nothing to act on (no booking yet, no cancellation to repeat). */
    private static Outcome send(Run run, ReturnStep s) {
        PointsFixtures f = run.f;
        if (s.kind() == ReturnKind.BOOK) {
            return book(run, s);
        }
        if (s.kind() == ReturnKind.YEAR_END) {
            f.on(run.year + "-12-31");
            Outcome o = f.points.expireYear(f.admin(), new ExpireYear(run.year));
            run.year++;
            f.on(run.year + "-02-01");
            return o;
        }
        if (s.kind() == ReturnKind.CANCEL_AGAIN) {
            return run.lastCancel == null ? null : f.points.cancel(f.clerk(), run.lastCancel);
        }
        String id = run.bookings.get(run.bookings.size() - 1 - s.booking() % run.bookings.size());
        BookingView b = view(f, id);
        BookingView.Line line = b.lines().get(s.line() % b.lines().size());
        BigDecimal amount = payable(b, s);
        return switch (s.kind()) {
            case PAY_POINTS -> f.payWithPoints(id, amount.toPlainString());
            case PAY_POINTS_OWN_RATE -> f.points.payWithPoints(f.clerk(), PointsPayment.atRate(id,
                    PointsFixtures.eur(amount.toPlainString()), new BigDecimal(OWN_RATES[(int) Math.floorMod(s.cents(),
                            OWN_RATES.length)])));
            case PAY_POINTS_OWN_POINTS -> f.points.payWithPoints(f.clerk(), PointsPayment.ofPoints(id,
                    PointsFixtures.eur(amount.toPlainString()), amount.multiply(new BigDecimal(
                            OWN_POINTS_PER_UNIT[(int) Math.floorMod(s.cents(), OWN_POINTS_PER_UNIT.length)]))
                            .setScale(2, RoundingMode.UP)));
            case PAY_MONEY -> f.payMoney(id, amount.toPlainString());
            case PRICE_CHANGE -> {
                // a cut of a cent or a few, or any new price, zero and below included
                BigDecimal price = s.cents() >= 1 && s.cents() <= 5
                        ? line.price().amount().subtract(BigDecimal.valueOf(s.cents(), 2))
                        : BigDecimal.valueOf(s.cents(), 2);
                yield f.points.changePrice(f.clerk(), new PriceChange(id, line.lineId(), PointsFixtures.eur(
                        price.toPlainString())));
            }
            case CANCEL_LINE -> cancel(run, Cancellation.ofLine(id, line.lineId()));
            case CANCEL_BOOKING -> cancel(run, Cancellation.ofBooking(id));
            default -> throw new AssertionError(s);
        };
    }

    private static Outcome cancel(Run run, Cancellation c) {
        run.lastCancel = c;
        return run.f.points.cancel(run.f.clerk(), c);
    }

    /** A share of what is left to pay, a cent or a few, or (often more than is left) the step's amount. */
    private static BigDecimal payable(BookingView b, ReturnStep s) {
        if (s.cents() >= 1 && s.cents() <= 5) {
            return BigDecimal.valueOf(s.cents(), 2);
        }
        BigDecimal left = b.remainder().amount();
        BigDecimal share = s.cents() % 3 == 0 ? left
                : left.multiply(BigDecimal.valueOf(Math.floorMod(s.cents(), 100) + 1, 2)).setScale(2, RoundingMode.DOWN);
        return s.cents() % 7 == 0 || share.signum() <= 0 ? BigDecimal.valueOf(Math.abs(s.cents()) + 1, 2) : share;
    }

    private static BookingView view(PointsFixtures f, String id) {
        return f.points.booking(f.agency, PointsFixtures.READER, id);
    }

    private static void step(Run run, ReturnStep s, java.util.function.Supplier<Outcome> command) {
        PointsFixtures f = run.f;
        Map<String, BookingView> before = new HashMap<>();
        run.bookings.forEach(id -> before.put(id, view(f, id)));
        Cancellation cancelSent = s.kind() == ReturnKind.CANCEL_AGAIN ? run.lastCancel : null;
        Outcome o = command.get();
        if (o == null) {
            return;
        }
        String context = s + " -> " + o.status() + " " + o.rejections() + " " + o.entries();

        // The ledger holds what the outcome says, and adds up.
        List<LedgerEntry> ledger = LedgerInvariants.ledger(f.store, f.agency, SavingsPoints.accountOf(CUSTOMER));
        List<LedgerEntry> added = LedgerInvariants.written(run.ledger, ledger, context);
        run.ledger = ledger;
        LedgerInvariants.assertWroteWhatItReports(o, added, context);
        if (o.applied()) {
            run.applied(added);
        }
        LedgerInvariants.assertBalanced(f.store, f.agency, SavingsPoints.accountOf(CUSTOMER), ledger, context);
        BigDecimal balance = f.balance(CUSTOMER);
        PointsAnalysis a = f.points.analysis(f.agency, PointsFixtures.READER, CUSTOMER);
        assertEquals(0, a.totalEarned().subtract(a.totalUsed()).subtract(a.totalExpired()).compareTo(balance), context);
        BigDecimal expired = a.totalExpired();

        BigDecimal leftOnCancelledLines = BigDecimal.ZERO;
        for (String id : run.bookings) {
            BookingView now = view(f, id);
            BookingView was = before.get(id);
            BigDecimal taken = sum(ledger, id, EntryKind.REDEEM, null).negate();
            BigDecimal back = sum(ledger, id, EntryKind.REVERSE, SavingsPoints.REFUND_LINE);
            assertTrue(back.signum() >= 0 && back.compareTo(taken) <= 0, () -> context + ": " + id + " gave back "
                    + back + " of " + taken + " points taken");
            assertEquals(0, now.paidPoints().compareTo(taken.subtract(back)), context);
            assertTrue(now.paidPointsValue().amount().signum() >= 0, context);
            if (now.status().equals("CANCELLED")) {
                assertEquals(0, now.paidPoints().signum(), () -> context + ": cancelled " + id + " keeps paid points");
                assertEquals(0, now.paidPointsValue().amount().signum(), context);
            }
            for (BookingView.Line l : now.lines()) {
                if (l.cancelled()) {
                    assertTrue(l.points().signum() >= 0, () -> context + ": cancelled " + id + "/" + l.lineId()
                            + " holds " + l.points());
                    leftOnCancelledLines = leftOnCancelledLines.add(l.points());
                }
            }
            if (was == null) {
                continue; // booked by this step
            }
            checkGiveBack(context, id, was, now, added);
            checkLines(run, context, s, o, was, now, added, cancelSent);
        }
        BigDecimal left = leftOnCancelledLines;
        // What a cancellation leaves on a line is what of it expired: none while nothing expired.
        assertTrue(left.compareTo(expired) <= 0, () -> context + ": cancelled lines keep " + left + " points, "
                + expired + " expired in all");

        // Points taken at a rate are worth at least the amount; points given with a payment are taken as given.
        if (o.applied() && o.result(PointsPaymentResult.class).isPresent() && s.kind() != ReturnKind.PAY_POINTS_OWN_POINTS) {
            PointsPaymentResult paid = o.result(PointsPaymentResult.class).orElseThrow();
            assertTrue(paid.points().multiply(paid.pointValue()).setScale(2, RoundingMode.HALF_UP)
                    .compareTo(paid.value()) >= 0, () -> context + ": " + paid);
        }
    }

    /** Points paid come back at the booking's own rate, never richer, never beyond what was paid. */
    private static void checkGiveBack(String context, String id, BookingView was, BookingView now,
                                      List<LedgerEntry> added) {
        BigDecimal q = added.stream().filter(e -> id.equals(e.document()) && SavingsPoints.REFUND_LINE.equals(e.line()))
                .map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (q.signum() == 0) {
            return;
        }
        net.jqwik.api.statistics.Statistics.label("give-backs").collect(now.paidPointsValue().amount().signum() == 0
                ? "all value paid" : "part of the value paid");
        BigDecimal p = was.paidPoints();
        BigDecimal v = was.paidPointsValue().amount();
        BigDecimal valueBack = v.subtract(now.paidPointsValue().amount());
        assertTrue(q.signum() > 0 && q.compareTo(p) <= 0, () -> context + ": " + id + " gave back " + q + " of " + p);
        assertTrue(valueBack.signum() > 0 && valueBack.compareTo(v) <= 0, () -> context + ": " + id + " value back "
                + valueBack + " of " + v);
        // q / valueBack <= p / v: never more points per unit of value than the booking paid them at
        assertTrue(q.multiply(v).compareTo(p.multiply(valueBack)) <= 0, () -> context + ": " + id + " gave back " + q
                + " for " + valueBack + ", paid " + p + " for " + v);
        // the points kept still cover the value kept, at that rate
        assertTrue(p.subtract(q).multiply(v).compareTo(p.multiply(v.subtract(valueBack))) >= 0, context);
        if (now.paidPointsValue().amount().signum() == 0) {
            assertEquals(0, q.compareTo(p), () -> context + ": all value back, but " + q + " of " + p + " points");
        }
    }

    /** A cancellation takes back at most what a line held, once; a price change moves points with the price. */
    private static void checkLines(Run run, String context, ReturnStep s, Outcome o, BookingView was, BookingView now,
                                   List<LedgerEntry> added, Cancellation again) {
        List<LedgerEntry> onLines = added.stream().filter(e -> was.bookingId().equals(e.document())
                && !SavingsPoints.REFUND_LINE.equals(e.line()) && !SavingsPoints.PAYMENT_LINE.equals(e.line())).toList();
        if (again != null && again.bookingId().equals(was.bookingId())) {
            assertTrue(onLines.isEmpty(), () -> context + ": the same cancellation again took back " + onLines);
            if (again.lineId() == null && was.status().equals("CANCELLED")) {
                assertTrue(o.entries().isEmpty(), () -> context + ": a cancelled booking cancelled again wrote "
                        + o.entries());
            }
        }
        for (BookingView.Line l : now.lines()) {
            BookingView.Line w = was.lines().stream().filter(x -> x.lineId().equals(l.lineId())).findFirst().orElseThrow();
            if (w.cancelled()) {
                assertEquals(0, l.points().compareTo(w.points()), () -> context + ": cancelled line " + l.lineId()
                        + " moved from " + w.points() + " to " + l.points());
            } else if (l.cancelled()) {
                // it took back all the line held but what of it expired, and nothing that expired (the points it
                // gives back may expire later, as the customer's: the line keeps what it had then)
                BigDecimal lineExpired = run.expiredOf(was.bookingId(), l.lineId());
                net.jqwik.api.statistics.Statistics.label("cancellations").collect(lineExpired.signum() > 0
                        ? "of a line some of whose points expired" : "of a line none of whose points expired");
                assertEquals(0, l.points().compareTo(lineExpired), () -> context + ": cancelling " + was.bookingId()
                        + "/" + l.lineId() + " left " + l.points() + "; " + lineExpired + " of it expired");
                // What the line's own price earned beside what expired: a cancellation takes back at most that;
                // where a price below zero cost points (own points below zero, the expired ones offsetting them)
                // it gives back at most what the price cost, never more.
                BigDecimal own = w.points().subtract(lineExpired);
                if (own.signum() >= 0) {
                    assertTrue(l.points().compareTo(w.points()) <= 0, () -> context + ": cancelling line "
                            + l.lineId() + " holding " + w.points() + " left " + l.points());
                } else {
                    assertTrue(l.points().subtract(w.points()).compareTo(own.negate()) <= 0, () -> context
                            + ": cancelling line " + l.lineId() + " whose price cost " + own.negate() + " gave back "
                            + l.points().subtract(w.points()));
                }
            }
            if (s.kind() == ReturnKind.PRICE_CHANGE && o.applied()) {
                int price = l.price().amount().compareTo(w.price().amount());
                int points = l.points().compareTo(w.points());
                assertTrue(price == 0 ? points == 0 : points == 0 || points == price, () -> context + ": line "
                        + l.lineId() + " price " + w.price() + " -> " + l.price() + ", points " + w.points() + " -> "
                        + l.points());
            }
        }
    }

    private static BigDecimal sum(List<LedgerEntry> ledger, String document, EntryKind kind, String line) {
        return ledger.stream().filter(e -> document.equals(e.document()) && e.kind() == kind
                && (line == null || line.equals(e.line()))).map(LedgerEntry::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

package org.loyaltyengine.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.points.PointsFixtures.service;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.PointsRequests.Cancellation;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.PointsRequests.PriceChange;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.testing.points.PointsFixtures;

/**
 * The savings-points invariants for any sequence of bookings, payments, price changes, cancellations,
 * manual entries and year ends: the analysis always adds up, the payment cap is never exceeded, only a
 * customer who saved points goes negative, and the year-end expiry is idempotent.
 */
class SavingsPointsPropertiesTest {
    private static final InMemoryStore STORE = new InMemoryStore();
    private static final LoyaltyEngine ENGINE = LoyaltyEngine.builder().store(STORE).build();

    enum Kind { BOOK, PAY_POINTS, PAY_MONEY, PRICE_CHANGE, CANCEL_LINE, CANCEL_BOOKING, MANUAL, YEAR_END }

    record Op(Kind kind, int customer, int booking, int cents) {
    }

    @Provide
    Arbitrary<Op> op() {
        return Combinators.combine(Arbitraries.of(Kind.class), Arbitraries.integers().between(0, 1),
                Arbitraries.integers().between(0, 3), Arbitraries.integers().between(1, 80_000)).as(Op::new);
    }

    /** A travel agency over several years: runs the operations, checking {@code after} at every step. */
    private static final class Agency {
        final PointsFixtures f = new PointsFixtures(ENGINE, STORE);
        final List<String> bookings = new ArrayList<>();
        int year = 2023;

        Agency(String... settings) {
            f.customer("c0").customer("c1");
            f.supplier(Supplier.enabled("TUI"));
            f.supplier(new Supplier("OTHER", false, null, null));
            f.on(year + "-02-01");
            f.set(settings);
        }

        /** Runs one operation; null when it was not applicable (no booking yet). */
        Outcome run(Op op, boolean customer1Earns) {
            String customer = "c" + op.customer();
            String amount = BigDecimal.valueOf(op.cents(), 2).toPlainString();
            String booking = bookings.isEmpty() ? null : bookings.get(op.booking() % bookings.size());
            return switch (op.kind()) {
                case BOOK -> {
                    String id = "B" + (bookings.size() + 1);
                    String supplier = customer.equals("c1") && !customer1Earns ? "OTHER" : "TUI";
                    Outcome o = f.book(id, customer, service("1", supplier, "flight", amount),
                            service("2", supplier, "hotel", BigDecimal.valueOf(op.cents() / 3 + 1, 2).toPlainString()));
                    bookings.add(id);
                    yield o;
                }
                case PAY_POINTS -> booking == null ? null : f.payWithPoints(booking,
                        BigDecimal.valueOf(op.cents() / 10 + 1, 2).toPlainString());
                case PAY_MONEY -> booking == null ? null : f.payMoney(booking, BigDecimal.valueOf(op.cents() / 10 + 1, 2)
                        .toPlainString());
                case PRICE_CHANGE -> booking == null ? null : f.points.changePrice(f.clerk(), new PriceChange(booking,
                        "1", PointsFixtures.eur(amount)));
                case CANCEL_LINE -> booking == null ? null : f.points.cancel(f.clerk(), Cancellation.ofLine(booking, "2"));
                case CANCEL_BOOKING -> booking == null ? null : f.points.cancel(f.clerk(), Cancellation.ofBooking(booking));
                case MANUAL -> f.points.manualEntry(f.admin(), new ManualEntry(customer,
                        BigDecimal.valueOf(op.cents() % 5000 + 1, 2), "goodwill"));
                case YEAR_END -> {
                    f.on(year + "-12-31");
                    Outcome o = f.points.expireYear(f.admin(), new ExpireYear(year));
                    year++;
                    f.on(year + "-02-01");
                    yield o;
                }
            };
        }
    }

    @Property(tries = 25)
    @Tag("SP-17")
    @Tag("SP-14")
    void anySequence_availableIsEarnedMinusUsedMinusExpired(
            @ForAll @Size(min = 1, max = 14) List<@From("op") Op> ops) {
        Agency a = new Agency("rate", "0.20", "paymentType", "SPAARPUNTEN", "recalculateOnPriceChange", "true",
                "expiryEnabled", "true", "directlyAvailable", "true");
        for (Op op : ops) {
            BigDecimal before = a.f.balance("c" + op.customer());
            Outcome o = a.run(op, true);
            for (String c : List.of("c0", "c1")) {
                PointsAnalysis an = a.f.points.analysis(a.f.agency, PointsFixtures.READER, c);
                BigDecimal balance = a.f.balance(c);
                assertEquals(0, an.totalEarned().subtract(an.totalUsed()).subtract(an.totalExpired()).compareTo(balance),
                        () -> op + ": " + an);
                if (!an.years().isEmpty()) {
                    assertEquals(0, an.years().get(an.years().size() - 1).available().compareTo(balance), an::toString);
                }
            }
            if (o != null && o.rejected()) {
                assertEquals(0, before.compareTo(a.f.balance("c" + op.customer())), () -> "rejected " + op + " changed points");
            }
        }
    }

    @Property(tries = 25)
    @Tag("SP-11")
    void anyPayments_neverExceedTheMaximumPercentage(@ForAll @IntRange(min = 0, max = 100) int percent,
            @ForAll @Size(min = 1, max = 14) List<@From("op") Op> ops) {
        Agency a = new Agency("rate", "0.50", "paymentType", "SPAARPUNTEN", "directlyAvailable", "true",
                "paymentMaximumPercent", Integer.toString(percent));
        for (Op op : ops) {
            if (op.kind() == Kind.CANCEL_LINE || op.kind() == Kind.CANCEL_BOOKING || op.kind() == Kind.PRICE_CHANGE) {
                continue; // a later price cut is not a payment; the cap speaks of what a payment may take
            }
            a.run(op, true);
            for (String b : a.bookings) {
                BookingView view = a.f.points.booking(a.f.agency, PointsFixtures.READER, b);
                BigDecimal paid = view.paidPointsValue().amount().multiply(BigDecimal.valueOf(100));
                assertTrue(paid.compareTo(view.total().amount().multiply(BigDecimal.valueOf(percent))) <= 0,
                        () -> b + " paid " + view.paidPointsValue() + " in points of " + view.total() + " at " + percent + "%");
                assertTrue(a.f.balance(view.customerId()).signum() >= 0, "with a cap points never go negative");
            }
        }
    }

    @Property(tries = 25)
    @Tag("SP-11")
    void capEmpty_onlyACustomerWhoSavedGoesNegative(@ForAll @Size(min = 1, max = 14) List<@From("op") Op> ops) {
        Agency a = new Agency("rate", "0.20", "paymentType", "SPAARPUNTEN", "directlyAvailable", "true");
        boolean c0Saved = false;
        for (Op op : ops) {
            if (op.kind() == Kind.MANUAL && op.customer() == 1) {
                continue; // customer c1 never saves: no earning supplier, no manual entries
            }
            Outcome o = a.run(op, false);
            if (o != null && o.applied() && o.entries().stream().anyMatch(e -> e.amount().signum() > 0
                    && e.account().owner().equals("c0") && (e.kind() == org.loyaltyengine.spi.EntryKind.EARN
                    || e.kind() == org.loyaltyengine.spi.EntryKind.MANUAL))) {
                c0Saved = true;
            }
            assertTrue(a.f.balance("c1").signum() >= 0, "c1 never saved points, yet went negative");
            if (a.f.balance("c0").signum() < 0) {
                assertTrue(c0Saved, "c0 went negative without having saved points");
            }
        }
    }

    @Property(tries = 20)
    @Tag("SP-14")
    void expiry_secondRunForTheSameYearChangesNothing(@ForAll @Size(min = 1, max = 12) List<@From("op") Op> ops,
            @ForAll @IntRange(min = 0, max = 2) int extraYears) {
        Agency a = new Agency("rate", "0.20", "paymentType", "SPAARPUNTEN", "expiryEnabled", "true");
        for (Op op : ops) {
            a.run(op, true);
        }
        a.f.on((a.year + extraYears) + "-12-31");
        Outcome first = a.f.points.expireYear(a.f.admin(), new ExpireYear(a.year));
        BigDecimal c0 = a.f.balance("c0");
        BigDecimal c1 = a.f.balance("c1");
        a.f.on((a.year + extraYears + 1) + "-01-15");
        Outcome second = a.f.points.expireYear(a.f.admin(), new ExpireYear(a.year));
        assertTrue(first.applied() && second.applied());
        assertTrue(second.entries().isEmpty(), () -> "second run expired " + second.entries());
        assertEquals(0, c0.compareTo(a.f.balance("c0")));
        assertEquals(0, c1.compareTo(a.f.balance("c1")));
    }
}

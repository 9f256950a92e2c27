package org.loyaltyengine.examples;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.LocalDate;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests.Create;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.points.BookingView;
import org.loyaltyengine.points.PointsAnalysis;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.Configure;
import org.loyaltyengine.points.PointsRequests.Configure.Setting;
import org.loyaltyengine.points.PointsRequests.MoneyPayment;
import org.loyaltyengine.points.PointsRequests.PointsPayment;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsBookResult;
import org.loyaltyengine.rules.facts.PointsPaymentResult;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * A travel agency's savings points (seed 001) on the embedded in-memory store: the agency sets a rate of
 * 0.20 points per euro with the points payment type, enables a tour operator, books a trip in one year and
 * pays part of the next year's trip with the points (not directly available, so only from 1 January).
 * Prints the booking's payments and the customer's statement.
 *
 * <p>Run it through its test: {@code mvn -B -pl loyalty-spi,loyalty-engine,examples test -Dtest=TravelAgencyDemoTest
 * -Dsurefire.failIfNoSpecifiedTests=false}.
 */
public final class TravelAgencyDemo {
    private static final TenantId AGENCY = TenantId.of("reisbureau-zon");
    private static final Actor ADMIN = Actor.of("office-manager", SavingsPoints.ADMIN_PERMISSION,
            Customers.WRITE_PERMISSION);
    private static final Actor CLERK = Actor.of("travel-agent", SavingsPoints.READ_PERMISSION);
    private int keys;

    public static void main(String[] args) {
        new TravelAgencyDemo().run(System.out);
    }

    /** Runs the demo, printing to {@code out}; returns the customer's analysis at the end. */
    public PointsAnalysis run(PrintStream out) {
        LoyaltyEngine engine = LoyaltyEngine.builder().build();
        SavingsPoints points = engine.savingsPoints();
        LocalDate day = LocalDate.of(2025, 6, 2);
        // The customer comes from the agency's own system, under its own id.
        engine.customers().create(ctx(ADMIN, day), Create.withId("K-1001",
                CustomerProfile.builder("Familie de Vries").number("1001").build()));
        points.configure(ctx(ADMIN, day), Configure.set(Setting.RATE, new BigDecimal("0.20"))
                .and(Setting.PAYMENT_TYPE, "SPAARPUNTEN").and(Setting.ROUNDING_FACTOR, BigDecimal.TEN)
                .and(Setting.PAYMENT_MAXIMUM_PERCENT, new BigDecimal("25")));
        points.defineSupplier(ctx(ADMIN, day), Supplier.enabled("TUI"));

        // 680.00 x 0.20 = 136 points, rounded down to the factor 10: 130; the hotel earns 60.
        Outcome summer = points.book(ctx(CLERK, day), Booking.of("D-2025-017", "K-1001",
                Service.of("1", "TUI", "flight", eur("680.00")), Service.of("2", "TUI", "hotel", eur("300.00"))));
        out.println("Booked D-2025-017: points column " + summer.result(PointsBookResult.class)
                .map(PointsBookResult::linePoints).orElseThrow());

        // Points of 2025 are spendable from 1 January 2026.
        LocalDate next = LocalDate.of(2026, 1, 10);
        points.book(ctx(CLERK, next), Booking.of("D-2026-003", "K-1001",
                Service.of("1", "TUI", "package", eur("600.00"))));
        Outcome paid = points.payWithPoints(ctx(CLERK, next), new PointsPayment("D-2026-003", eur("150.00")));
        out.println("Points payment: " + (paid.applied() ? paid.result(PointsPaymentResult.class).orElseThrow().points() + " points"
                : paid.rejections().get(0).message()));
        points.payMoney(ctx(CLERK, next), new MoneyPayment("D-2026-003", "PIN", eur("400.00")));

        BookingView booking = points.booking(AGENCY, CLERK, "D-2026-003");
        out.println("D-2026-003: price " + booking.total() + ", money " + booking.paidMoney() + ", points "
                + booking.paidPointsValue() + " (" + booking.paidPoints() + " points), remainder " + booking.remainder());
        out.print(points.reports().statement(AGENCY, CLERK, "K-1001"));
        return points.analysis(AGENCY, CLERK, "K-1001");
    }

    private CommandContext ctx(Actor actor, LocalDate day) {
        return CommandContext.of(AGENCY, actor, "demo-" + (++keys), day);
    }

    private static Money eur(String amount) {
        return Money.of(new BigDecimal(amount), "EUR");
    }
}

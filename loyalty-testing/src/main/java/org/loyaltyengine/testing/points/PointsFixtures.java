package org.loyaltyengine.testing.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.MoneyPayment;
import org.loyaltyengine.points.PointsRequests.PointsPayment;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsBookResult;
import org.loyaltyengine.rules.facts.PointsPaymentResult;
import org.loyaltyengine.rules.facts.PointsRefundResult;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * A travel agency for the tests: one tenant, a clerk and a points administrator, and helpers that read
 * like the agency's work (book a trip, pay with points, close the year).
 */
public final class PointsFixtures {
    public static final Actor CLERK = Actor.of("clerk-anna");
    public static final Actor ADMIN = Actor.of("admin-bert", SavingsPoints.ADMIN_PERMISSION);
    /** Reads customers' points: bookings, analyses, statements and the reports (SPEC SP-22). */
    public static final Actor READER = Actor.of("reader-carla", SavingsPoints.READ_PERMISSION);

    public final LoyaltyEngine engine;
    /** The store the engine runs on, for what a host writes straight into it (master data of its own). */
    public final LoyaltyStore store;
    public final SavingsPoints points;
    public final TenantId agency = TenantId.of("agency-" + UUID.randomUUID().toString().substring(0, 12));
    private final AtomicLong keys = new AtomicLong();
    public LocalDate day = LocalDate.of(2026, 3, 14);
    private final Map<String, String> settings = new HashMap<>();

    public PointsFixtures(LoyaltyEngine engine, LoyaltyStore store) {
        this.engine = engine;
        this.store = store;
        this.points = engine.savingsPoints();
    }

    public CommandContext as(Actor actor) {
        return CommandContext.of(agency, actor, "k" + keys.incrementAndGet(), day);
    }

    public CommandContext clerk() {
        return as(CLERK);
    }

    public CommandContext admin() {
        return as(ADMIN);
    }

    public PointsFixtures on(String date) {
        day = LocalDate.parse(date);
        return this;
    }

    /** Sets some settings, keeping the ones set before. */
    public PointsFixtures set(String... nameValue) {
        for (int i = 0; i < nameValue.length; i += 2) {
            settings.put(nameValue[i], nameValue[i + 1]);
        }
        applied(points.configure(admin(), PointsSettings.defaults().with(settings)));
        return this;
    }

    public PointsFixtures supplier(Supplier supplier) {
        applied(points.defineSupplier(admin(), supplier));
        return this;
    }

    public PointsFixtures customer(String id) {
        store.inTransaction(agency, tx -> {
            if (tx.customers().find(id).isEmpty()) {
                tx.customers().insert(new Customer(id, null, "Customer " + id, Map.of()));
            }
            return null;
        });
        return this;
    }

    public static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    public static Service service(String line, String supplier, String type, String price) {
        return Service.of(line, supplier, type, eur(price));
    }

    public Outcome book(String booking, String customer, Service... services) {
        return points.book(clerk(), new Booking(booking, customer, List.of(services)));
    }

    public Outcome payWithPoints(String booking, String amount) {
        return points.payWithPoints(clerk(), new PointsPayment(booking, eur(amount)));
    }

    public Outcome payMoney(String booking, String amount) {
        return points.payMoney(clerk(), new MoneyPayment(booking, "BANK", eur(amount)));
    }

    public BigDecimal balance(String customer) {
        return store.inTransaction(agency, tx -> tx.accounts().find(SavingsPoints.accountOf(customer))
                .map(Account::balance).orElse(BigDecimal.ZERO));
    }

    public static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    public static Outcome rejected(Outcome o, String code) {
        assertTrue(o.rejected(), () -> "expected rejection " + code + ", was applied");
        assertEquals(List.of(code), o.reasonCodes().stream().distinct().toList());
        o.rejections().forEach(r -> assertFalse(r.message().isBlank()));
        return o;
    }

    /** A booking's points column of a line, from its typed result: as stored, {@code 100.00}. */
    public static String linePoints(Outcome o, String line) {
        BigDecimal points = o.result(PointsBookResult.class).orElseThrow(() -> new AssertionError("no "
                + "PointsBookResult in " + o.values())).linePoints().get(line);
        return points == null ? null : points.toPlainString();
    }

    /** The points a payment took, from its typed result. */
    public static String pointsPaid(Outcome o) {
        return o.result(PointsPaymentResult.class).orElseThrow(() -> new AssertionError("no PointsPaymentResult in "
                + o.values())).points().toPlainString();
    }

    /** Points paid given back by a cancellation or a price cut, from its typed result. */
    public static PointsRefundResult refund(Outcome o) {
        return o.result(PointsRefundResult.class).orElseThrow(() -> new AssertionError("no PointsRefundResult in "
                + o.values()));
    }

    public static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + ", was " + actual);
    }
}

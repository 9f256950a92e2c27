package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.CommandHistory;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.Configure;
import org.loyaltyengine.points.PointsRequests.ManualEntry;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.CommandLogQuery;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * A savings-points command log made through the public API and exported as {@code engine.commandLog().export}
 * writes it, with a candidate that rounds half up to the factor where the shipped rules round down; what each
 * customer would gain is worked out here in whole hundredths of a point, without the engine.
 *
 * <p>The log: the settings (global rate 0.10, rounding factor 10), a supplier, the customers, bookings spread over
 * the customers in turn, and last a deduction of all that customer {@link #FLIPPED} would have under the candidate,
 * refused now (not enough points) and applied under the candidate. A price of P cents earns floor(P / 10)
 * hundredths before rounding (price x 0.10 cut to 2 decimals); with the factor, floor(h / 1000) tens of points now
 * and floor((h + 500) / 1000) tens under the candidate. Customers c0 and c1 only get prices that never reach the
 * half, so they do not change.
 */
final class SavingsPointsLog {
    static final TenantId TENANT = TenantId.of("agency-1");
    /** The customer whose last deduction is refused now and would pass under the candidate. */
    static final String FLIPPED = "c7";
    /** The booking whose key and rules fired are kept, for {@code explain}. */
    static final int KEPT_BOOKING = 123;
    private static final Actor ADMIN = Actor.of("bert", SavingsPoints.ADMIN_PERMISSION, Customers.WRITE_PERMISSION);
    private static final Actor CLERK = Actor.of("anna");
    private static final LocalDate FIRST_DAY = LocalDate.of(2026, 1, 5);

    /** The exported log (JSON lines). */
    final Path log;
    /** The candidate folder, {@code candidate/savings-points/v2}. */
    final Path candidate;
    /** How many commands the log holds. */
    final int commands;
    final int customers;
    /** Per customer, in whole points: the balance now and under the candidate, before the last deduction. */
    final Map<String, long[]> expected;
    /** The last deduction's key. */
    final String flippedKey;
    /** Booking {@link #KEPT_BOOKING}'s key and the rules that fired on it. */
    final String bookingKey;
    final List<String> bookingRules;

    private SavingsPointsLog(Path log, Path candidate, int commands, int customers, Map<String, long[]> expected,
                             String flippedKey, String bookingKey, List<String> bookingRules) {
        this.log = log;
        this.candidate = candidate;
        this.commands = commands;
        this.customers = customers;
        this.expected = Collections.unmodifiableMap(expected);
        this.flippedKey = flippedKey;
        this.bookingKey = bookingKey;
        this.bookingRules = bookingRules;
    }

    /** The commands a log of {@code bookings} bookings over {@code customers} customers holds. */
    static int commandsOf(int bookings, int customers) {
        return bookings + customers + 3;
    }

    /**
     * Writes the candidate and a log of exactly {@code commands} commands over {@code customers} customers (at
     * least 8, so that {@link #FLIPPED} exists) into {@code dir}.
     */
    static SavingsPointsLog write(Path dir, int commands, int customers) throws IOException {
        int bookings = commands - customers - 3;
        if (customers < 8 || bookings <= KEPT_BOOKING) {
            throw new IllegalArgumentException(commands + " commands over " + customers + " customers: too few");
        }
        Path candidate = dir.resolve("candidate/savings-points/v2");
        copy(Loyalty.ROOT.resolve("rules/savings-points/v1"), candidate);
        Path earning = candidate.resolve("earning.drl");
        String rule = Files.readString(earning);
        String down = "points.divide($s.roundingFactor(), 0, RoundingMode.DOWN)";
        assertTrue(rule.contains(down), "the shipped earning rule rounds down to the factor");
        Files.writeString(earning, rule.replace(down, "points.divide($s.roundingFactor(), 0, RoundingMode.HALF_UP)"));
        Files.writeString(candidate.resolve("ruleset.properties"), Files.readString(candidate.resolve(
                "ruleset.properties")).replace("effective-from=2020-01-01", "effective-from=2027-01-01"));

        LoyaltyEngine engine = LoyaltyEngine.builder().store(new InMemoryStore())
                .rules(RuleSource.folder(Loyalty.ROOT.resolve("rules"))).clock(new Ticking()).build();
        SavingsPoints points = engine.savingsPoints();
        Map<String, long[]> expected = new TreeMap<>();
        int[] n = {0};
        Function<Actor, CommandContext> next = actor -> CommandContext.of(TENANT, actor,
                "k" + (++n[0]), FIRST_DAY.plusDays(n[0] / 500));
        applied(points.configure(next.apply(ADMIN), Configure.all(PointsSettings.defaults().with(Map.of(
                "rate", "0.10", "roundingFactor", "10")))));
        applied(points.defineSupplier(next.apply(ADMIN), Supplier.enabled("TUI")));
        for (int c = 0; c < customers; c++) {
            applied(engine.customers().create(next.apply(ADMIN), CustomerRequests.Create.withId("c" + c,
                    CustomerProfile.named("Customer " + c))));
            expected.put("c" + c, new long[2]);
        }
        String bookingKey = null;
        List<String> bookingRules = null;
        long seed = 42;
        for (int b = 0; b < bookings; b++) {
            String customer = "c" + (b % customers);
            seed = seed * 6364136223846793005L + 1442695040888963407L;
            long cents = 10_000 + Math.floorMod(seed >>> 17, 200_000); // 100.00 to 2,099.99
            if (customer.equals("c0") || customer.equals("c1")) {
                // These two never reach the half: h mod 1000 below 500 (h = cents / 10).
                cents = 10_000 * (1 + Math.floorMod(cents, 20)) + Math.floorMod(cents, 5_000);
            }
            long h = cents / 10;
            expected.get(customer)[0] += (h / 1000) * 10;
            expected.get(customer)[1] += ((h + 500) / 1000) * 10;
            CommandContext ctx = next.apply(CLERK);
            Outcome o = points.book(ctx, new Booking("B" + b, customer, List.of(new Service("1", "TUI", "flight",
                    Money.of(BigDecimal.valueOf(cents, 2), "EUR"), null))));
            applied(o);
            if (b == KEPT_BOOKING) {
                bookingKey = ctx.key().value();
                bookingRules = o.rulesFired();
            }
        }
        long[] f = expected.get(FLIPPED);
        assertTrue(f[1] > f[0], "the candidate gives " + FLIPPED + " more points");
        CommandContext deduct = next.apply(ADMIN);
        Outcome refused = points.manualEntry(deduct, new ManualEntry(FLIPPED, BigDecimal.valueOf(-f[1]), "all of it"));
        assertEquals(List.of("INSUFFICIENT_POINTS"), refused.reasonCodes());
        assertEquals(commands, n[0]);

        Path log = dir.resolve("log.jsonl");
        try (var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            assertEquals(commands, engine.commandLog().export(TENANT, Actor.of("auditor", CommandHistory.READ_PERMISSION),
                    CommandLogQuery.all(), out));
        }
        return new SavingsPointsLog(log, candidate, commands, customers, expected, deduct.key().value(), bookingKey,
                bookingRules);
    }

    /**
     * The CSV rows {@code whatif --csv} must write, computed here: per customer whose points differ, "before after
     * difference"; the flipped customer's deduction of all it would have is applied under the candidate, 0 left.
     */
    Map<String, String> expectedRows() {
        Map<String, String> want = new TreeMap<>();
        expected.forEach((customer, p) -> {
            if (p[1] != p[0]) {
                long after = customer.equals(FLIPPED) ? 0 : p[1];
                want.put(customer, p[0] + ".00 " + after + ".00 " + (after - p[0]) + ".00");
            }
        });
        return want;
    }

    private static void applied(Outcome o) {
        assertTrue(o.applied(), o::toString);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(p -> {
                try {
                    Path target = to.resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** A clock a second later at each reading: every command gets a time of its own. */
    private static final class Ticking extends Clock {
        private Instant now = Instant.parse("2026-01-05T08:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plusSeconds(1);
            return now;
        }
    }
}

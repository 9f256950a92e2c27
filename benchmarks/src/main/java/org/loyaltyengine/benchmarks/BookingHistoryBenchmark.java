package org.loyaltyengine.benchmarks;

import static org.loyaltyengine.benchmarks.DecisionScenario.applied;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.points.PointsRequests;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * What one savings-points booking costs as its customer's history grows (issue 14, P3: the what-if replay of a
 * long log): the booking through the engine's facade on the in-memory store, the whole pipeline, for a customer
 * with {@code history} earlier points entries (one booking of one line each, made through the facade before the
 * measurement). {@code history=0}, the customer's first booking, is the baseline of the same run.
 *
 * <p>Each iteration starts from a fresh store with the history made anew (not measured) and times
 * {@value #BOOKINGS} bookings of that customer in one call, so the history grows by at most that many entries
 * while it is measured. Every booking is checked to be applied.
 *
 * <p>On a shared machine the wall clock JMH scores is mostly the other processes' (see the load beside each figure
 * in docs/performance.md), so the run also prints, per {@code history}, the CPU time of the measuring thread per
 * booking over the measurement iterations ({@code ThreadMXBean}): what the booking itself costs, whatever else runs.
 *
 * <p>Run (about 6 minutes):
 * <pre>
 * mvn -B -o -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar BookingHistoryBenchmark -rf json -rff booking-history.json
 * </pre>
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 20)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class BookingHistoryBenchmark {
    static final int BOOKINGS = 25;
    private static final int WARM_CUSTOMERS = 20;
    private static final int WARM_BOOKINGS = 150;
    private static final TenantId TENANT = TenantId.of("bench");
    private static final RuleSource RULES = RuleSource.defaults();
    private static final Actor ADMIN = Actor.of("admin", SavingsPoints.ADMIN_PERMISSION);
    private static final Actor CLERK = Actor.of("clerk");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    /** A customer with {@code history} earlier points entries, on a store of its own. */
    @State(Scope.Benchmark)
    public static class Customer1 {
        @Param({"0", "100", "2000"})
        int history;

        LoyaltyEngine engine;
        private long keys;
        private long bookings;
        private boolean measuring;
        private long cpuNanos;
        private long measured;

        /**
         * Compiles the path of a booking before the first iteration: {@code history=0} makes few bookings in its
         * iterations, and a booking the JIT has not compiled yet costs several times one it has.
         */
        @Setup(Level.Trial)
        public void warm() {
            for (int customer = 0; customer < WARM_CUSTOMERS; customer++) {
                newStore();
                for (int i = 0; i < WARM_BOOKINGS; i++) {
                    applied(book());
                }
            }
        }

        @Setup(Level.Iteration)
        public void fresh(IterationParams iteration) {
            measuring = iteration.getType() == IterationType.MEASUREMENT;
            newStore();
            for (int i = 0; i < history; i++) {
                applied(book());
            }
        }

        /** A fresh store: the customer, the settings (rate 0.10) and a supplier, no points yet. */
        private void newStore() {
            InMemoryStore store = new InMemoryStore();
            engine = LoyaltyEngine.builder().store(store).rules(RULES)
                    .clock(Clock.fixed(DAY.atTime(10, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC)).build();
            store.inTransaction(TENANT, tx -> {
                tx.customers().insert(new Customer("C", null, "Customer C", Map.of()));
                return null;
            });
            SavingsPoints points = engine.savingsPoints();
            applied(points.configure(ctx(ADMIN), PointsSettings.defaults().with(Map.of("rate", "0.10"))));
            applied(points.defineSupplier(ctx(ADMIN), PointsRequests.Supplier.enabled("HOTEL")));
        }

        @TearDown(Level.Trial)
        public void report() {
            System.out.printf("%nthread CPU per booking, history=%d: %.1f us over %d bookings%n", history,
                    measured == 0 ? 0.0 : cpuNanos / 1e3 / measured, measured);
        }

        Outcome book() {
            return engine.savingsPoints().book(ctx(CLERK), PointsRequests.Booking.of("B" + (++bookings), "C",
                    PointsRequests.Service.of("1", "HOTEL", "STAY", Money.of("1250.00", "EUR"))));
        }

        private CommandContext ctx(Actor actor) {
            return CommandContext.of(TENANT, actor, "k" + (++keys), DAY);
        }
    }

    @Benchmark
    @OperationsPerInvocation(BOOKINGS)
    public Outcome book(Customer1 c) {
        long cpu = CPU.getCurrentThreadCpuTime();
        Outcome last = null;
        for (int i = 0; i < BOOKINGS; i++) {
            last = applied(c.book());
        }
        if (c.measuring) {
            c.cpuNanos += CPU.getCurrentThreadCpuTime() - cpu;
            c.measured += BOOKINGS;
        }
        return last;
    }
}

package org.loyaltyengine.benchmarks;

import java.util.concurrent.TimeUnit;

import org.loyaltyengine.spi.Outcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * One POS {@code addItem} command through the engine on the in-memory store, against the same business
 * work hand-written in plain Java over plain maps ({@link PlainPos}).
 *
 * <p>Through the engine a command takes the whole pipeline: the idempotency look-up with a SHA-256
 * payload fingerprint, the tenant lock, the account lock, loading the receipt, its items and the card,
 * one Drools evaluation of the {@code pos-card} rules (in a session of the version's pool), the writes
 * (with an undo log), and the outcome stored under its key. The engine's cost over raw Drools is this
 * figure over {@code RuleEvaluationBenchmark}'s {@code drools*} (a plain stateless evaluation of the same
 * rules, the same definition in every build compared; {@code compare-before-after.sh}). With the discount
 * card the rules compute 10% off; with the credit-drawing card they reserve the item's price against the
 * card's credit (a hold, floor-checked by the store). Each receipt holds up to {@value Till#ITEMS_PER_RECEIPT} items, and the stores start
 * empty again every {@value Shop#RENEW_AFTER_RECEIPTS} receipts (see {@link Till} and {@link Shop}).
 * The allocation figures of {@code -prof gc} include that unmeasured set-up (three commands per
 * receipt on the engine side).
 *
 * <p>Run (about 4.5 minutes; build in the reactor so the benchmark runs this checkout's engine, not
 * an older snapshot from the local Maven repository):
 * <pre>
 * mvn -B -o package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar PosCommandBenchmark -f 1 -wi 5 -w 5s -i 5 -r 5s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class PosCommandBenchmark {

    @Benchmark
    public Outcome engineDiscountCard(Shop shop, Till till) {
        return shop.engine.addItem(till.ctx, till.item);
    }

    @Benchmark
    public Outcome engineCreditCard(Shop shop, Till till) {
        return shop.engine.addItem(till.ctx, till.item);
    }

    @Benchmark
    public PlainPos.Result plainDiscountCard(Shop shop, Till till) {
        return shop.plain.addItem(till.key, till.item);
    }

    @Benchmark
    public PlainPos.Result plainCreditCard(Shop shop, Till till) {
        return shop.plain.addItem(till.key, till.item);
    }
}

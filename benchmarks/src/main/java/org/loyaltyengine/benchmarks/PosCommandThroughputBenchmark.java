package org.loyaltyengine.benchmarks;

import java.util.concurrent.TimeUnit;

import org.loyaltyengine.spi.Outcome;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@link PosCommandBenchmark}'s {@code addItem} with the discount card from two tills (threads) of one
 * shop at once, in commands per millisecond, engine against plain Java. One shop is one tenant, and
 * both the in-memory store and the baseline serialise a tenant's commands under one lock, so this
 * shows how much of a command runs outside that lock (the fingerprint, building the inputs) rather
 * than two-core scaling of independent work.
 *
 * <p>Run (about 2 minutes):
 * <pre>
 * mvn -B -o package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar PosCommandThroughputBenchmark -f 1 -wi 5 -w 5s -i 5 -r 5s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class PosCommandThroughputBenchmark {

    @Benchmark
    public Outcome engineDiscountCard(Shop shop, Till till) {
        return shop.engine.addItem(till.ctx, till.item);
    }

    @Benchmark
    public PlainPos.Result plainDiscountCard(Shop shop, Till till) {
        return shop.plain.addItem(till.key, till.item);
    }
}

package org.loyaltyengine.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The client's CPU time per card top-up on one thread ({@link TopUpDatabase}, issue 14 P2): the engine's whole
 * command against the hand-written JDBC transaction, in alternating rounds on the same pool and tables. The
 * figure is the benchmark thread's own CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime}), which the other
 * processes of a shared machine disturb far less than wall-clock time: it is what 8 threads on a 2-core machine
 * divide the cores by. Wall-clock time per command is printed beside it, for the record only.
 *
 * <p>Never part of the default build; asserts nothing. Run after
 * {@code mvn -B -o -q -pl benchmarks -am package -DskipTests}:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.loyaltyengine.benchmarks.TopUpCpu postgresql 5 4000
 * </pre>
 * (database, rounds, commands per side per round; the first round is a warm-up and is not reported).
 */
public final class TopUpCpu {
    private TopUpCpu() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: TopUpCpu <postgresql|mariadb> <rounds> <commands per round>");
        }
        String database = args[0];
        int rounds = Integer.parseInt(args[1]);
        int commands = Integer.parseInt(args[2]);
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        List<Double> engineCpu = new ArrayList<>();
        List<Double> jdbcCpu = new ArrayList<>();
        try (TopUpDatabase db = TopUpDatabase.open(database, 1)) {
            TopUpDatabase.Teller teller = db.teller();
            for (int round = 0; round <= rounds; round++) {
                long c0 = cpu.getCurrentThreadCpuTime();
                long w0 = System.nanoTime();
                for (int i = 0; i < commands; i++) {
                    db.engineTopUp(teller);
                }
                long c1 = cpu.getCurrentThreadCpuTime();
                long w1 = System.nanoTime();
                for (int i = 0; i < commands; i++) {
                    db.jdbcTopUp(teller);
                }
                long c2 = cpu.getCurrentThreadCpuTime();
                long w2 = System.nanoTime();
                double e = (c1 - c0) / 1e3 / commands;
                double j = (c2 - c1) / 1e3 / commands;
                System.out.printf("round %d%s: engine cpu %.1f us wall %.1f us | jdbc cpu %.1f us wall %.1f us | cpu ratio %.2f%n",
                        round, round == 0 ? " (warm-up)" : "", e, (w1 - w0) / 1e3 / commands, j,
                        (w2 - w1) / 1e3 / commands, e / j);
                if (round > 0) {
                    engineCpu.add(e);
                    jdbcCpu.add(j);
                }
            }
        }
        System.out.printf("median of %d rounds: engine cpu %.1f us, jdbc cpu %.1f us per command, ratio %.2f%n",
                rounds, median(engineCpu), median(jdbcCpu), median(engineCpu) / median(jdbcCpu));
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}

package org.loyaltyengine.benchmarks;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The engine's card top-up ({@link TopUpDatabase#engineTopUp}) on one database from several threads for a fixed
 * time (issue 14, P2: "no collapse over a 10-minute run"), with every command's time kept per window (a minute by
 * default) and written as one CSV line per window: commands, commands per second, p50, p99, p999 and the slowest,
 * in milliseconds, and the commands that failed. Percentiles are exact: the window's times sorted.
 *
 * <p>Never part of the default build and asserts on no time; the figures go to the file. Run (10 minutes at
 * 8 threads on PostgreSQL, then on MariaDB):
 * <pre>
 * mvn -B -o -pl benchmarks -am -Pdb-soak verify -DskipTests -Dsoak.db=postgresql
 * mvn -B -o -pl benchmarks -am -Pdb-soak verify -DskipTests -Dsoak.db=mariadb
 * </pre>
 * writing {@code benchmarks/target/db-soak-<db>.csv}; {@code -Dsoak.duration=PT20S -Dsoak.window=PT5S} makes a
 * smoke run, {@code -Dsoak.threads=} changes the threads. The same as a plain main:
 * {@code java -cp benchmarks/target/benchmarks.jar org.loyaltyengine.benchmarks.TopUpSoak <csv> <postgresql|mariadb>
 * <threads> <duration> <window>} (durations in ISO-8601, {@code PT10M}, or seconds).
 */
public final class TopUpSoak {
    private TopUpSoak() {
    }

    /** One thread's times of one window, grown as needed. */
    private static final class Times {
        long[] nanos = new long[1024];
        int size;
        int failed;

        void add(long n) {
            if (size == nanos.length) {
                nanos = Arrays.copyOf(nanos, size * 2);
            }
            nanos[size++] = n;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: TopUpSoak <csv> <postgresql|mariadb> <threads> <duration> <window>");
        }
        Path csv = Path.of(args[0]);
        String database = args[1];
        int threads = Integer.parseInt(args[2]);
        Duration duration = duration(args[3]);
        Duration window = duration(args[4]);
        int windows = (int) Math.max(1, duration.toNanos() / window.toNanos());
        try (TopUpDatabase db = TopUpDatabase.open(database, threads)) {
            List<TopUpDatabase.Teller> tellers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                tellers.add(db.teller());
            }
            // Not measured: the first commands load classes and fill the JIT.
            for (TopUpDatabase.Teller t : tellers) {
                for (int i = 0; i < 20; i++) {
                    db.engineTopUp(t);
                }
            }
            System.out.printf("%s: %d threads for %s, one line per %s, to %s%n", database, threads, duration, window, csv);
            List<Times[]> perThread = run(db, tellers, window, windows);
            write(csv, database, threads, window, windows, perThread);
        }
    }

    private static List<Times[]> run(TopUpDatabase db, List<TopUpDatabase.Teller> tellers, Duration window, int windows)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(tellers.size());
        CountDownLatch go = new CountDownLatch(1);
        long[] start = new long[1];
        List<Future<Times[]>> running = new ArrayList<>();
        for (TopUpDatabase.Teller t : tellers) {
            running.add(pool.submit(() -> {
                Times[] times = new Times[windows];
                for (int w = 0; w < windows; w++) {
                    times[w] = new Times();
                }
                go.await();
                long end = start[0] + windows * window.toNanos();
                for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
                    int w = (int) ((now - start[0]) / window.toNanos());
                    try {
                        db.engineTopUp(t);
                        times[w].add(System.nanoTime() - now);
                    } catch (RuntimeException e) {
                        // Counted, not hidden: a failing command is a figure of its own.
                        times[w].failed++;
                        if (times[w].failed == 1) {
                            System.err.println("window " + (w + 1) + ": " + e);
                        }
                    }
                }
                return times;
            }));
        }
        start[0] = System.nanoTime();
        go.countDown();
        List<Times[]> all = new ArrayList<>();
        for (Future<Times[]> f : running) {
            all.add(f.get());
        }
        pool.shutdown();
        return all;
    }

    private static void write(Path csv, String database, int threads, Duration window, int windows,
                              List<Times[]> perThread) throws IOException {
        Path parent = csv.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(csv, StandardCharsets.UTF_8))) {
            out.println("database,threads,window,window_seconds,commands,commands_per_s,p50_ms,p99_ms,p999_ms,max_ms,failed");
            for (int w = 0; w < windows; w++) {
                int n = 0;
                int failed = 0;
                for (Times[] t : perThread) {
                    n += t[w].size;
                    failed += t[w].failed;
                }
                long[] all = new long[n];
                int at = 0;
                for (Times[] t : perThread) {
                    System.arraycopy(t[w].nanos, 0, all, at, t[w].size);
                    at += t[w].size;
                }
                Arrays.sort(all);
                double seconds = window.toNanos() / 1e9;
                String line = String.format(Locale.ROOT, "%s,%d,%d,%.3f,%d,%.1f,%.3f,%.3f,%.3f,%.3f,%d", database, threads,
                        w + 1, seconds, n, n / seconds, ms(all, 0.50), ms(all, 0.99), ms(all, 0.999),
                        n == 0 ? Double.NaN : all[n - 1] / 1e6, failed);
                out.println(line);
                System.out.println(line);
            }
        }
    }

    /** The nearest-rank percentile of sorted times, in milliseconds. */
    private static double ms(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1e6;
    }

    private static Duration duration(String text) {
        return text.startsWith("P") || text.startsWith("p") ? Duration.parse(text) : Duration.ofSeconds(Long.parseLong(text));
    }
}

package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak run (SPEC X-11): a what-if over a generated savings-points log of 100,000 commands, through
 * the tool's entry point in this JVM (so that its heap can be watched), once per customer count: many customers
 * with a few entries each, and few customers with thousands each. Appends its figures to
 * {@code target/whatif-soak/figures.md}. It checks what the replay reports, never how long it took.
 *
 * <p>Only under {@code -Psoak}: {@code mvn -B -o -pl loyalty-cli -am verify -Psoak}
 * ({@code -Dsoak.commands=N}, {@code -Dsoak.customers=A,B} change the sizes).
 */
@Tag("X-11")
@Tag("soak")
class WhatIfSoakTest {
    private static final int COMMANDS = Integer.getInteger("soak.commands", 100_000);
    private static final List<Integer> CUSTOMERS = Arrays.stream(System.getProperty("soak.customers", "10000,40")
            .split(",")).map(String::trim).map(Integer::valueOf).toList();
    private static final Pattern RATE = Pattern.compile(
            "whatif: (baseline|candidate) replayed (\\d+) commands in ([0-9.]+) s, (\\d+) commands/s");

    @TempDir
    static Path dir;

    @TestFactory
    Stream<DynamicTest> whatIfOverTheLog() {
        return CUSTOMERS.stream().map(customers -> DynamicTest.dynamicTest(COMMANDS + " commands, " + customers
                + " customers", () -> soak(customers)));
    }

    private static void soak(int customers) throws IOException, InterruptedException {
        Path here = Files.createDirectories(dir.resolve("c" + customers));
        long madeStarted = System.nanoTime();
        SavingsPointsLog made = SavingsPointsLog.write(here, COMMANDS, customers);
        double madeSeconds = (System.nanoTime() - madeStarted) / 1e9;

        Path csv = here.resolve("whatif.csv");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.gc();
        HeapWatch heap = new HeapWatch();
        int exit;
        try {
            exit = LoyaltyCli.run(new String[] {"whatif", "--set", "savings-points", "--candidate",
                    made.candidate.toString(), "--log", made.log.toString(), "--rules",
                    Loyalty.ROOT.resolve("rules").toString(), "--csv", csv.toString()},
                    new PrintWriter(out, true), new PrintWriter(err, true));
        } finally {
            heap.stop();
        }
        List<String> lines = out.toString().lines().toList();
        String describe = "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;

        // Correct first: every recorded outcome reproduced, the candidate's differences as computed without it.
        assertEquals(0, exit, describe);
        assertTrue(lines.contains("baseline: " + COMMANDS + " of " + COMMANDS + " logged outcomes reproduced under "
                + Loyalty.ROOT.resolve("rules")), describe);
        Map<String, String> got = new TreeMap<>();
        for (String row : Files.readAllLines(csv, StandardCharsets.UTF_8).stream().skip(1).toList()) {
            String[] f = row.split(",");
            got.put(f[1], f[4] + " " + f[5] + " " + f[6]);
        }
        assertEquals(made.expectedRows(), got);
        assertTrue(lines.contains("1 command would change between applied and rejected; the first:"), describe);
        assertTrue(lines.stream().anyMatch(l -> l.contains("key " + made.flippedKey + " ")
                && l.contains("rejected [INSUFFICIENT_POINTS], would be applied")), describe);

        Map<String, double[]> rates = new TreeMap<>();
        for (String l : lines) {
            Matcher m = RATE.matcher(l);
            if (m.matches()) {
                assertEquals(COMMANDS, Integer.parseInt(m.group(2)), l);
                rates.put(m.group(1), new double[] {Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
            }
        }
        assertEquals(List.of("baseline", "candidate"), List.copyOf(rates.keySet()), describe);
        String total = lines.stream().filter(l -> l.startsWith("replayed ")).findFirst().orElseThrow();

        Path figures = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
                .resolve("target/whatif-soak/figures.md");
        Files.createDirectories(figures.getParent());
        boolean fresh = !Files.exists(figures);
        StringBuilder f = new StringBuilder();
        if (fresh) {
            f.append("# whatif soak figures\n\n")
                    .append("| when (UTC) | commands | customers | log made in | baseline replay | candidate replay |"
                            + " baseline rate | candidate rate | whole whatif | peak heap used (sampled) |"
                            + " sum of heap pool peaks | max heap | cores | load (1/5/15 min) |\n")
                    .append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        }
        f.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f s | %.1f s | %.1f s | %.0f commands/s |"
                        + " %.0f commands/s | %s | %d MB | %d MB | %d MB | %d | %s |%n",
                Instant.now().toString().substring(0, 19), COMMANDS, customers, madeSeconds,
                rates.get("baseline")[0], rates.get("candidate")[0], rates.get("baseline")[1],
                rates.get("candidate")[1], total.substring("replayed ".length()), heap.sampledPeak() >> 20,
                heap.poolPeaks() >> 20, Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), load()));
        Files.writeString(figures, f, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        System.out.print(f);
    }

    /** The load averages as {@code uptime} shows them (Linux), or "?" elsewhere. */
    private static String load() {
        try {
            String[] l = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return l[0] + " / " + l[1] + " / " + l[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    /**
     * The heap while the tool runs: the used heap sampled every 100 ms (the highest seen), and the sum of each heap
     * pool's peak since the start, which can only be higher (the pools need not peak at the same moment).
     */
    private static final class HeapWatch {
        private final AtomicLong peak = new AtomicLong();
        private final Thread sampler;
        private volatile boolean running = true;

        HeapWatch() {
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            sampler = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                            Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            sampler.setDaemon(true);
            sampler.start();
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
        }

        long sampledPeak() {
            return peak.get();
        }

        long poolPeaks() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        }
    }
}

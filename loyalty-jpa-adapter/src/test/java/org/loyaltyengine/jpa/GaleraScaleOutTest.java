package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.ScaleOutWorkload;

/**
 * Three engine instances in three JVMs on a three-node MariaDB Galera cluster (multi-primary, virtually
 * synchronous replication), first each writing through its own node, then all through node 1, running the
 * {@link ScaleOutWorkload}; afterwards the store is checked on two nodes and the figures (commands/s, re-run
 * transactions, Galera's certification failures and brute-force aborts, violations) are written into
 * {@code docs/reliability.md}. Starts the cluster with {@code src/test/scripts/start-galera.sh} and stops it
 * afterwards. Heavy, so behind a profile:
 * {@code mvn -B verify -pl loyalty-jpa-adapter -am -Pgalera}.
 */
@Tag("galera")
@Tag("X-4")
@Tag("X-5")
class GaleraScaleOutTest {
    static final int[] PORTS = {13306, 13307, 13308};
    static final int INSTANCES = 3;
    static final int THREADS = Integer.getInteger("galera.threads", 4);
    static final int SECONDS = Integer.getInteger("galera.seconds", 60);
    static final String SECTION = "## Scale-out: engine instances on a three-node Galera cluster";

    record Run(String name, List<Integer> nodes, List<ScaleOutWorkload.Figures> figures, List<String> violations,
               Map<String, Long> galera, long wallMillis) {
        long commands() {
            return figures.stream().mapToLong(ScaleOutWorkload.Figures::commands).sum();
        }

        long sum(java.util.function.ToLongFunction<ScaleOutWorkload.Figures> f) {
            return figures.stream().mapToLong(f).sum();
        }

        double perSecond() {
            // The instances ran side by side; the slowest one's time is the run's.
            long elapsed = figures.stream().mapToLong(ScaleOutWorkload.Figures::elapsedMillis).max().orElse(1);
            return commands() * 1000.0 / Math.max(1, elapsed);
        }
    }

    @BeforeAll
    static void startCluster() throws Exception {
        startWithFreshSchema();
    }

    /**
     * Starts the cluster and makes the tables from the script as it is now, dropping those an earlier schema
     * made (the cluster's data folder outlives a run); for every Galera test class.
     */
    static void startWithFreshSchema() throws Exception {
        script("start-galera.sh");
        try (Connection c = connect(0); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = 'test' AND table_name LIKE 'le\\_%'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            s.execute("SET FOREIGN_KEY_CHECKS = 0");
            for (String t : tables) {
                s.execute("DROP TABLE " + t);
            }
            s.execute("SET FOREIGN_KEY_CHECKS = 1");
            for (String statement : TestDatabase.MARIADB.statements()) {
                s.execute(statement);
            }
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        script("stop-galera.sh");
    }

    @Test
    void threeInstancesThroughThreeNodes_thenThroughOne_keepEveryGuarantee() throws Exception {
        Run spread = run("three instances, each through its own node", List.of(0, 1, 2));
        Run single = run("three instances, all through node 1", List.of(0, 0, 0));
        write(List.of(spread, single));
        for (Run r : List.of(spread, single)) {
            assertEquals(List.of(), r.violations(), r.name());
            assertTrue(r.commands() > 0, r.name());
        }
    }

    private static Run run(String name, List<Integer> nodes) throws Exception {
        TenantId tenant = TenantId.of("galera-" + System.currentTimeMillis());
        ScaleOutWorkload workload = new ScaleOutWorkload(tenant);
        try (HikariDataSource pool = ScaleOutInstance.pool(url(0), 4, "prepare"); JpaStore store = ScaleOutInstance.store(pool)) {
            workload.prepareOn(store);
        }
        Path dir = Path.of("target", "galera");
        Files.createDirectories(dir);
        Path go = dir.resolve(tenant.value() + ".go");
        List<Process> processes = new ArrayList<>();
        List<Path> outputs = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            String instance = "i" + i;
            Path out = dir.resolve(tenant.value() + "-" + instance + ".properties");
            outputs.add(out);
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-cp", classPath(), ScaleOutInstance.class.getName(),
                    url(nodes.get(i)), tenant.value(), instance, Integer.toString(THREADS), Integer.toString(SECONDS),
                    out.toString(), go.toString());
            pb.redirectErrorStream(true);
            pb.redirectOutput(dir.resolve(tenant.value() + "-" + instance + ".log").toFile());
            processes.add(pb.start());
        }
        // Every instance warms up on a tenant of its own, then all start at once.
        for (Path out : outputs) {
            Path ready = Path.of(out + ".ready");
            for (int i = 0; i < 6000 && !Files.exists(ready) && processes.stream().allMatch(Process::isAlive); i++) {
                Thread.sleep(100);
            }
        }
        Map<String, Long> before = galeraStatus();
        Files.writeString(go, "go");
        long began = System.nanoTime();
        for (Process p : processes) {
            if (!p.waitFor(SECONDS + 300L, TimeUnit.SECONDS)) {
                processes.forEach(Process::destroyForcibly);
                throw new AssertionError("an instance did not finish in time; see " + dir.toAbsolutePath());
            }
            assertEquals(0, p.exitValue(), () -> "an instance failed; see its log in " + dir.toAbsolutePath());
        }
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
        Map<String, Long> after = galeraStatus();
        Map<String, Long> galera = new LinkedHashMap<>();
        after.forEach((k, v) -> galera.put(k, v - before.getOrDefault(k, 0L)));
        List<ScaleOutWorkload.Figures> figures = new ArrayList<>();
        for (Path out : outputs) {
            figures.add(ScaleOutWorkload.Figures.fromText(Files.readString(out)));
        }
        // Checked through node 1 and node 3, each waiting until it has applied everything committed before.
        List<String> violations = new ArrayList<>();
        for (int node : new int[] {0, 2}) {
            try (HikariDataSource pool = ScaleOutInstance.pool(url(node) + "?sessionVariables=wsrep_sync_wait=1", 2,
                    "verify"); JpaStore store = ScaleOutInstance.store(pool)) {
                for (String v : workload.verify(store, figures)) {
                    violations.add("node " + (node + 1) + ": " + v);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%s: %d commands, %.1f/s, %d retries, %s, %d violations%n", name,
                figures.stream().mapToLong(ScaleOutWorkload.Figures::commands).sum(),
                new Run(name, nodes, figures, violations, galera, wall).perSecond(),
                figures.stream().mapToLong(ScaleOutWorkload.Figures::retries).sum(), galera, violations.size());
        return new Run(name, nodes, figures, violations, galera, wall);
    }

    /** Galera's conflict counters summed over the nodes: certification failures and brute-force aborts. */
    private static Map<String, Long> galeraStatus() throws SQLException {
        Map<String, Long> sums = new LinkedHashMap<>();
        for (int node = 0; node < PORTS.length; node++) {
            try (Connection c = connect(node); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_local_cert_failures', 'wsrep_local_bf_aborts',"
                            + " 'wsrep_replicated', 'wsrep_received')")) {
                while (rs.next()) {
                    sums.merge(rs.getString(1).toLowerCase(Locale.ROOT), Long.parseLong(rs.getString(2)), Long::sum);
                }
            }
        }
        return sums;
    }

    /**
     * The test's classes and everything it runs with, for a plain class-path JVM: surefire runs this test on
     * the module path, with the test classes patched into the adapter's module, so neither property alone
     * names them all.
     */
    private static String classPath() {
        List<String> parts = new ArrayList<>();
        parts.add(Path.of("target", "test-classes").toAbsolutePath().toString());
        for (String property : new String[] {"java.class.path", "jdk.module.path"}) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                parts.add(value);
            }
        }
        return String.join(File.pathSeparator, parts);
    }

    static String url(int node) {
        return "jdbc:mariadb://127.0.0.1:" + PORTS[node] + "/test";
    }

    private static Connection connect(int node) throws SQLException {
        return DriverManager.getConnection(url(node), "root", "");
    }

    static void script(String name) throws IOException, InterruptedException {
        File script = Path.of("src", "test", "scripts", name).toFile();
        Process p = new ProcessBuilder("bash", script.getPath()).inheritIO().start();
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException(name + " failed");
        }
    }

    private static String version() throws SQLException {
        try (Connection c = connect(0); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT VERSION(), (SELECT variable_value FROM information_schema.global_status"
                        + " WHERE variable_name = 'WSREP_PROVIDER_VERSION')")) {
            rs.next();
            return "MariaDB " + rs.getString(1) + ", Galera " + rs.getString(2);
        }
    }

    private static void write(List<Run> runs) throws Exception {
        StringBuilder md = new StringBuilder();
        md.append(SECTION).append("\n\n")
                .append("Written by `GaleraScaleOutTest` (loyalty-jpa-adapter) on ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" on ").append(version())
                .append("; reproduce with\n\n```\nmvn -B verify -pl loyalty-jpa-adapter -am -Pgalera\n```\n\n")
                .append("The test starts a three-node cluster on loopback (`start-galera.sh`), runs ")
                .append(INSTANCES).append(" engine instances, each a JVM of its own with its own HikariCP pool (")
                .append(THREADS + 2).append(" connections, READ COMMITTED), `JpaStore` and `LoyaltyEngine`, ")
                .append(THREADS).append(" threads each, each instance first warmed up on a tenant of its own (rules")
                .append(" compiled, five steps per thread), then all together for ").append(SECONDS)
                .append(" s on one tenant (`ScaleOutWorkload`: the POS card program on ").append(ScaleOutWorkload.HOT)
                .append(" hot and ").append(ScaleOutWorkload.COLD).append(" cold cards; manual draws that often ask")
                .append(" more than is left, draws of far more than any card holds, top-ups, receipts that reserve")
                .append(" from a card and are paid, abandoned or left open, and racing idempotency keys submitted by")
                .append(" every thread of every instance in the same second), then checks the store through node 1")
                .append(" and node 3: balance == sum of entries, held == pending holds, available >= floor, each")
                .append(" stored outcome's entries exactly those under its key, each racing key applied once and")
                .append(" answered alike, every far-too-large draw refused; and stops the cluster.\n\n")
                .append("| run | commands | commands/s | applied | refused | far-too-large draws refused |"
                        + " racing submissions / keys | re-run transactions | certification failures |"
                        + " brute-force aborts | commands that threw | violations |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Run r : runs) {
            long keys = r.figures().stream().flatMap(f -> f.races().keySet().stream()).distinct().count();
            md.append(String.format(Locale.ROOT, "| %s | %d | %.1f | %d | %d | %d / %d | %d / %d | %d | %d | %d | %d | %d |%n",
                    r.name(), r.commands(), r.perSecond(), r.sum(ScaleOutWorkload.Figures::applied),
                    r.sum(ScaleOutWorkload.Figures::rejected), r.sum(ScaleOutWorkload.Figures::overdrawsRefused),
                    r.sum(ScaleOutWorkload.Figures::overdraws), r.sum(ScaleOutWorkload.Figures::raceSubmissions), keys,
                    r.sum(ScaleOutWorkload.Figures::retries), r.galera().getOrDefault("wsrep_local_cert_failures", 0L),
                    r.galera().getOrDefault("wsrep_local_bf_aborts", 0L), r.sum(ScaleOutWorkload.Figures::errors),
                    r.violations().size()));
        }
        md.append("\nMachine: ").append(Runtime.getRuntime().availableProcessors())
                .append(" processors shared by the three database nodes, the three instance JVMs and other builds;")
                .append(" load average at the end of the runs ").append(loadAverage()).append(". Java ")
                .append(System.getProperty("java.version")).append(".\n");
        for (Run r : runs) {
            for (ScaleOutWorkload.Figures f : r.figures()) {
                if (!f.errorSamples().isEmpty()) {
                    md.append("\n").append(r.name()).append(", instance ").append(f.instance()).append(", commands")
                            .append(" that threw (first ones): ").append(String.join("; ", f.errorSamples())).append("\n");
                }
            }
            r.violations().stream().limit(20).forEach(v -> md.append("\n- violation (").append(r.name()).append("): ")
                    .append(v));
        }
        Path report = Path.of(System.getProperty("reliability.report", "target/reliability.md"));
        Files.createDirectories(report.toAbsolutePath().getParent());
        String existing = Files.exists(report) ? Files.readString(report) : "";
        int at = existing.indexOf(SECTION);
        String kept = at < 0 ? existing : existing.substring(0, at);
        if (!kept.isEmpty() && !kept.endsWith("\n\n")) {
            kept = kept.endsWith("\n") ? kept + "\n" : kept + "\n\n";
        }
        // Sections after this one (written by hand, such as the lock-row race's) stay as they are.
        int next = at < 0 ? -1 : existing.indexOf("\n## ", at + SECTION.length());
        String after = next < 0 ? "" : "\n" + existing.substring(next + 1);
        Files.writeString(report, kept + md + after);
        System.out.println("wrote " + report.toAbsolutePath());
    }

    private static String loadAverage() {
        try {
            String[] avg = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return avg[0] + " / " + avg[1] + " / " + avg[2] + " (1 / 5 / 15 min)";
        } catch (IOException e) {
            return "unknown";
        }
    }
}

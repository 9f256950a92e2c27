package org.loyaltyengine.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.jpa.JpaStore;
import org.loyaltyengine.points.PointsRequests.Configure;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.TenantId;

/**
 * The year-end expiry in batch mode over a whole customer base (issue 14, P3): for each size, a fresh tenant of
 * that many points accounts, then the job in chunks, timed, with its rate and its heap. The heap is read after
 * every garbage collection during the job (an upper bound of what was live: a young collection leaves the old
 * generation's garbage counted), and after a full collection before and after the job; the peak above what the
 * job left behind (the in-memory store's new entries, outcomes and command log) is what the job held. Figures go to a file, one line per
 * run; nothing here asserts on time.
 *
 * <p>Run through the {@code expiry-soak} profile of this module (docs/performance.md); arguments:
 * {@code <figures file> <chunk size> <in-memory sizes, comma separated> [<PostgreSQL JDBC URL> <sizes>]}, the URL
 * {@code none} for no PostgreSQL run.
 */
public final class ExpiryBatchSoak {
    private static final Actor ADMIN = Actor.of("soak-admin", SavingsPoints.ADMIN_PERMISSION);
    private static final RuleRef RULE = new RuleRef(SavingsPoints.PROGRAM, 1, "soak history");
    private static final Instant AT = Instant.parse("2024-05-01T09:00:00Z");
    /** The accounts written per transaction while the customer base is built. */
    private static final int FILL = 5_000;

    private ExpiryBatchSoak() {
    }

    public static void main(String[] args) throws Exception {
        Path figures = Path.of(args[0]);
        int chunk = Integer.parseInt(args[1]);
        Files.createDirectories(figures.toAbsolutePath().getParent());
        line(figures, "# " + Instant.now() + " nproc=" + Runtime.getRuntime().availableProcessors() + " load="
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() + " maxHeapMB="
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " chunk=" + chunk);
        line(figures, "store,accounts,chunk,seconds,accountsPerSecond,entries,chunks,liveBeforeMB,liveAfterMB,peakLiveMB,"
                + "peakAboveAfterMB,threadCpuSeconds,processCpuSeconds");
        for (String size : args[2].split(",")) {
            // A store per size, so that one size's rows do not weigh on the next.
            InMemoryStore store = new InMemoryStore();
            run(figures, "in-memory", store, Integer.parseInt(size.strip()), chunk, (tenant, n) -> fill(store, tenant, n));
        }
        if (args.length > 4 && !"none".equals(args[3])) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(args[3]);
            config.setUsername("postgres");
            config.setPassword("");
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            config.setMaximumPoolSize(2);
            try (HikariDataSource pool = new HikariDataSource(config)) {
                JpaStore store = JpaStore.builder().property("jakarta.persistence.nonJtaDataSource", pool).build();
                for (String size : args[4].split(",")) {
                    run(figures, "postgresql", store, Integer.parseInt(size.strip()), chunk,
                            (tenant, accounts) -> fillPostgres(pool, tenant, accounts));
                }
                store.close();
            }
        }
    }

    private static void run(Path figures, String storeName, LoyaltyStore store, int accounts, int chunk,
                            java.util.function.ObjIntConsumer<TenantId> fill) {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).build();
        TenantId tenant = TenantId.of("soak-" + UUID.randomUUID().toString().substring(0, 12));
        LocalDate day = LocalDate.of(2026, 1, 10);
        engine.savingsPoints().configure(CommandContext.of(tenant, ADMIN, "settings", day),
                Configure.all(org.loyaltyengine.rules.facts.PointsSettings.defaults().with(Map.of("expiryEnabled", "true"))));
        long filling = System.nanoTime();
        fill.accept(tenant, accounts);
        System.out.printf("%s: %,d accounts filled in %.1f s%n", storeName, accounts, (System.nanoTime() - filling) / 1e9);
        long before = liveAfterGc();
        PeakLive peak = new PeakLive();
        // CPU time besides the wall clock: on a shared machine the job's own thread's CPU time is what the job cost,
        // whatever else ran; the process's adds the collector and the compiler.
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long threadCpu = threads.getCurrentThreadCpuTime();
        long processCpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        BatchOutcome done = engine.savingsPoints().expireYear(CommandContext.of(tenant, ADMIN, "year-end-2025", day),
                new ExpireYear(2025), Batch.of(chunk));
        double seconds = (System.nanoTime() - start) / 1e9;
        double threadSeconds = (threads.getCurrentThreadCpuTime() - threadCpu) / 1e9;
        double processSeconds = (os.getProcessCpuTime() - processCpu) / 1e9;
        peak.close();
        // What the job left in the store (its entries, each chunk's outcome and command log entry), so that the
        // job's own working set is the peak above that, not the store's growth.
        long after = liveAfterGc();
        long peakLive = Math.max(peak.max.get(), after);
        if (!done.finished() || done.accounts() != accounts) {
            throw new IllegalStateException("the job did not take every account: " + done);
        }
        line(figures, String.join(",", storeName, Integer.toString(accounts), Integer.toString(chunk),
                String.format("%.2f", seconds), String.format("%.0f", accounts / seconds), Long.toString(done.entries()),
                Integer.toString(done.chunks()), mb(before), mb(after), mb(peakLive), mb(peakLive - after),
                String.format("%.2f", threadSeconds), String.format("%.2f", processSeconds)));
    }

    /**
     * The customer base, written straight into the store (a million commands would measure the commands): a
     * quarter earned in 2024 only (all expires), a quarter earned in 2025 too (nothing), a quarter was credited
     * after the year end (the year-end balance expires), a quarter has nothing left.
     */
    private static void fill(LoyaltyStore store, TenantId tenant, int accounts) {
        for (int from = 0; from < accounts; from += FILL) {
            int first = from;
            int last = Math.min(accounts, from + FILL);
            store.inTransaction(tenant, tx -> {
                for (int i = first; i < last; i++) {
                    AccountKey key = SavingsPoints.accountOf(String.format("c%08d", i));
                    tx.accounts().open(key, null);
                    tx.ledger().append(entry(key, "100", LocalDate.of(2024, 5, 1)));
                    switch (i % 4) {
                        case 1 -> tx.ledger().append(entry(key, "40", LocalDate.of(2025, 6, 1)));
                        case 2 -> tx.ledger().append(entry(key, "20", LocalDate.of(2026, 1, 5)));
                        case 3 -> tx.ledger().append(entry(key, "-100", LocalDate.of(2024, 6, 1)));
                        default -> {
                        }
                    }
                }
                return null;
            });
        }
    }

    /**
     * The same customer base as {@link #fill}, written into PostgreSQL's tables in four statements: through the
     * store, a transaction of {@value #FILL} accounts opens each with an insert the provider flushes, and the flush
     * compares every account row the transaction holds, so a million accounts took about 50 minutes to fill (330 a
     * second). The rows are what the store writes (its columns, scales and version; the entries of each account in
     * the order {@link #fill} appends them), then analysed, as the database's autovacuum would after such a load.
     */
    private static void fillPostgres(javax.sql.DataSource pool, TenantId tenant, int accounts) {
        AccountKey key = SavingsPoints.accountOf("c00000000");
        String entryColumns = "insert into le_ledger_entry (tenant, account_id, owner_ref, program, unit_kind, unit_code,"
                + " kind, amount, amount_scale, business_date, recorded_at_nanos, actor, note, rule_set, rule_version,"
                + " rule_name) select a.tenant, a.id, a.owner_ref, a.program, a.unit_kind, a.unit_code, 'MANUAL', ";
        String entryRest = ", 0, ?, ?, 'soak-admin', 'history', ?, ?, ? from le_account a where a.tenant = ? and"
                + " a.program = ? and a.unit_kind = ? and a.unit_code = ?";
        try (java.sql.Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement ps = c.prepareStatement("insert into le_account (tenant, owner_ref, program,"
                    + " unit_kind, unit_code, balance, balance_scale, held, held_scale, version) select ?, 'c' ||"
                    + " lpad(i::text, 8, '0'), ?, ?, ?, case i % 4 when 0 then 100 when 1 then 140 when 2 then 120 else 0"
                    + " end, 0, 0, 0, 0 from generate_series(0, ? - 1) i order by i")) {
                ps.setString(1, tenant.value());
                ps.setString(2, key.program());
                ps.setString(3, key.unit().kind().name());
                ps.setString(4, key.unit().code());
                ps.setInt(5, accounts);
                ps.executeUpdate();
            }
            // The first entry of every account, then the second of three quarters (see fill).
            String[][] entries = {{"100", "2024-05-01", ""}, {"40", "2025-06-01", " and substr(a.owner_ref, 2)::int % 4 = 1"},
                    {"20", "2026-01-05", " and substr(a.owner_ref, 2)::int % 4 = 2"},
                    {"-100", "2024-06-01", " and substr(a.owner_ref, 2)::int % 4 = 3"}};
            for (String[] e : entries) {
                try (java.sql.PreparedStatement ps = c.prepareStatement(entryColumns + e[0] + entryRest + e[2]
                        + " order by a.id")) {
                    ps.setObject(1, LocalDate.parse(e[1]));
                    ps.setLong(2, AT.getEpochSecond() * 1_000_000_000L + AT.getNano());
                    ps.setString(3, RULE.ruleSet());
                    ps.setInt(4, RULE.version());
                    ps.setString(5, RULE.rule());
                    ps.setString(6, tenant.value());
                    ps.setString(7, key.program());
                    ps.setString(8, key.unit().kind().name());
                    ps.setString(9, key.unit().code());
                    ps.executeUpdate();
                }
            }
            c.commit();
            c.setAutoCommit(true);
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("analyze le_account");
                st.execute("analyze le_ledger_entry");
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("filling PostgreSQL failed: " + e, e);
        }
    }

    private static LedgerEntry entry(AccountKey key, String points, LocalDate day) {
        return new LedgerEntry(0, key, EntryKind.MANUAL, new BigDecimal(points), null, null, day, AT, "soak-admin",
                "history", null, RULE, null);
    }

    private static long liveAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return heap.getUsed();
    }

    private static String mb(long bytes) {
        return Long.toString(bytes / (1 << 20));
    }

    private static void line(Path figures, String text) {
        System.out.println(text);
        try {
            Files.writeString(figures, text + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The most heap in use right after any collection while it listens: what was live then. */
    private static final class PeakLive implements AutoCloseable {
        final AtomicLong max = new AtomicLong();
        private final List<Runnable> detach = new ArrayList<>();

        PeakLive() {
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                if (gc instanceof NotificationEmitter emitter) {
                    javax.management.NotificationListener listener = (n, h) -> {
                        if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                            GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
                                    .from((CompositeData) n.getUserData());
                            long used = info.getGcInfo().getMemoryUsageAfterGc().values().stream()
                                    .mapToLong(MemoryUsage::getUsed).sum();
                            max.accumulateAndGet(used, Math::max);
                        }
                    };
                    emitter.addNotificationListener(listener, null, null);
                    detach.add(() -> {
                        try {
                            emitter.removeNotificationListener(listener);
                        } catch (javax.management.ListenerNotFoundException e) {
                            // Already gone: nothing to detach.
                        }
                    });
                }
            }
        }

        @Override
        public void close() {
            detach.forEach(Runnable::run);
        }
    }
}

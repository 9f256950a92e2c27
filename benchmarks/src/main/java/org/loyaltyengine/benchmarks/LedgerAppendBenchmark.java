package org.loyaltyengine.benchmarks;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.loyaltyengine.jpa.JpaStore;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A ledger append with the floor guard through {@link JpaStore} (Hibernate ORM, HikariCP) on H2 in
 * memory, against plain JDBC on the same pool and the same tables doing the same work: a guarded
 * {@code UPDATE le_account ... WHERE balance - held + :amount >= floor} and the {@code INSERT} of the
 * entry, in one transaction. The store's path is a {@code SELECT ... FOR UPDATE} of the account row,
 * the floor check in Java, the entry's {@code INSERT} and the account's {@code UPDATE} (with its
 * {@code @Version}), and the commit. Each append takes 0.01 CZK from an account holding 1,000,000.00
 * with floor zero, so the guard is checked and always passes.
 *
 * <p>The schema is the one the adapter ships ({@code org/loyaltyengine/jpa/schema/h2.sql}). H2 in
 * memory has no network and no disk, so this isolates what the mapping layer costs; on a server
 * database the round trips would dominate both sides.
 *
 * <p>Run (about 2 minutes):
 * <pre>
 * mvn -B -o package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar LedgerAppendBenchmark -f 1 -wi 5 -w 5s -i 5 -r 5s -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class LedgerAppendBenchmark {
    private static final TenantId TENANT = TenantId.of("bench");
    private static final AccountKey JPA_ACCOUNT = new AccountKey("card:jpa", "pos-card", Unit.currency("CZK"));
    private static final AccountKey JDBC_ACCOUNT = new AccountKey("card:jdbc", "pos-card", Unit.currency("CZK"));
    private static final BigDecimal START = new BigDecimal("1000000.00");
    private static final BigDecimal DRAW = new BigDecimal("-0.01");
    private static final RuleRef RULE = new RuleRef("pos-card", 1, "benchmark");

    private static final String GUARDED_UPDATE = "UPDATE le_account SET balance = balance + ?, version = version + 1"
            + " WHERE id = ? AND (floor_amount IS NULL OR balance - held + ? >= floor_amount)";
    private static final String INSERT_ENTRY = "INSERT INTO le_ledger_entry (tenant, account_id, owner_ref, program,"
            + " unit_kind, unit_code, kind, amount, amount_scale, document_ref, line_ref, business_date,"
            + " recorded_at_nanos, actor, note, idempotency_key, rule_set, rule_version, rule_name, hold_ref)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private HikariDataSource pool;
    private JpaStore store;
    private long jdbcAccountId;
    private String unitKind;
    private String unitCode;
    private long appends;

    @Setup(Level.Trial)
    public void open() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:mem:bench;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=5000");
        config.setUsername("sa");
        config.setPassword("");
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String statement : schema()) {
                s.execute(statement);
            }
        }
        store = JpaStore.builder().property("jakarta.persistence.nonJtaDataSource", pool).build();
        // Both accounts are opened and funded through the store, so the JDBC side works on rows the adapter wrote.
        for (AccountKey key : List.of(JPA_ACCOUNT, JDBC_ACCOUNT)) {
            store.inTransaction(TENANT, tx -> {
                tx.accounts().open(key, BigDecimal.ZERO);
                return tx.ledger().append(entry(key, EntryKind.TOP_UP, START, "funding"));
            });
        }
        try (Connection c = pool.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT id, unit_kind, unit_code FROM le_account"
                     + " WHERE tenant = ? AND owner_ref = ?")) {
            q.setString(1, TENANT.value());
            q.setString(2, JDBC_ACCOUNT.owner());
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the store did not write account " + JDBC_ACCOUNT);
                }
                jdbcAccountId = rs.getLong(1);
                unitKind = rs.getString(2);
                unitCode = rs.getString(3);
            }
        }
    }

    /**
     * Drops the entries the iteration appended (not measured). H2 in memory keeps every row on the
     * heap; left to grow, the table made the faster side run millions of rows ahead and then measure
     * the garbage collector (the first run's plain JDBC figures went 14, 25, 27, 154, 395 us). Both
     * sides start each iteration from the same small table; the balances stay as they are, which the
     * guard does not mind.
     */
    @TearDown(Level.Iteration)
    public void trimLedger() throws SQLException {
        try (Connection c = pool.getConnection();
             PreparedStatement delete = c.prepareStatement("DELETE FROM le_ledger_entry WHERE tenant = ? AND kind = ?")) {
            delete.setString(1, TENANT.value());
            delete.setString(2, EntryKind.REDEEM.name());
            delete.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    @TearDown(Level.Trial)
    public void close() {
        store.close();
        pool.close();
    }

    private LedgerEntry entry(AccountKey account, EntryKind kind, BigDecimal amount, String key) {
        return new LedgerEntry(0, account, kind, amount, "R-1", "1", Shop.DATE, Instant.now(), "cashier", null, key,
                RULE, null);
    }

    @Benchmark
    public LedgerEntry jpaStore() {
        String key = "jpa-" + (++appends);
        return store.inTransaction(TENANT, tx -> tx.ledger().append(entry(JPA_ACCOUNT, EntryKind.REDEEM, DRAW, key)));
    }

    @Benchmark
    public int plainJdbc() throws SQLException {
        String key = "jdbc-" + (++appends);
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement update = c.prepareStatement(GUARDED_UPDATE);
                 PreparedStatement insert = c.prepareStatement(INSERT_ENTRY)) {
                update.setBigDecimal(1, DRAW);
                update.setLong(2, jdbcAccountId);
                update.setBigDecimal(3, DRAW);
                if (update.executeUpdate() != 1) {
                    c.rollback();
                    throw new IllegalStateException("the floor guard refused a draw it should allow");
                }
                Instant now = Instant.now();
                insert.setString(1, TENANT.value());
                insert.setLong(2, jdbcAccountId);
                insert.setString(3, JDBC_ACCOUNT.owner());
                insert.setString(4, JDBC_ACCOUNT.program());
                insert.setString(5, unitKind);
                insert.setString(6, unitCode);
                insert.setString(7, EntryKind.REDEEM.name());
                insert.setBigDecimal(8, DRAW);
                insert.setInt(9, DRAW.scale());
                insert.setString(10, "R-1");
                insert.setString(11, "1");
                insert.setDate(12, Date.valueOf(Shop.DATE));
                insert.setLong(13, now.getEpochSecond() * 1_000_000_000L + now.getNano());
                insert.setString(14, "cashier");
                insert.setString(15, null);
                insert.setString(16, key);
                insert.setString(17, RULE.ruleSet());
                insert.setInt(18, RULE.version());
                insert.setString(19, RULE.rule());
                insert.setString(20, null);
                int rows = insert.executeUpdate();
                c.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The shipped H2 script. */
    private static List<String> schema() {
        return JpaStore.schemaStatements("h2");
    }
}

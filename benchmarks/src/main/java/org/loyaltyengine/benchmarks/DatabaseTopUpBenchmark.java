package org.loyaltyengine.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.jpa.JpaStore;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
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
 * One manual top-up of a POS credit card end to end on PostgreSQL (issue 14, P2): the whole engine
 * ({@code pos-card.change-credit}: idempotency look-up, the card read, the account locked, the rules, the
 * entry, the balance, the outcome and the command log) through {@link JpaStore} (Hibernate ORM, HikariCP),
 * against hand-written JDBC on the same pool and tables doing the top-up's writes the way the issue's
 * baseline does: lock the account row ({@code SELECT ... FOR UPDATE}), insert the entry, update the balance,
 * insert the outcome (with a SHA-256 fingerprint of the request), commit. The engine also reads the key and
 * the card and writes the command log (SPEC X-11); that is part of what the ratio measures. Every thread
 * tops up a card of its own, so the threads do not wait on each other's row locks.
 *
 * <p>The database is {@code LOYALTY_POSTGRESQL_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test},
 * user {@code postgres}); the adapter's shipped script creates the tables if they are missing. Run on 1 and
 * 8 threads (a few minutes each):
 * <pre>
 * mvn -B -o package -pl benchmarks -am -DskipTests
 * java -jar benchmarks/target/benchmarks.jar DatabaseTopUpBenchmark -f 1 -wi 3 -w 5s -i 5 -r 5s -t 1
 * java -jar benchmarks/target/benchmarks.jar DatabaseTopUpBenchmark -f 1 -wi 3 -w 5s -i 5 -r 5s -t 8
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class DatabaseTopUpBenchmark {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION, PosCards.MANUAL_PERMISSION);
    private static final RuleRef RULE = new RuleRef("pos-card", 1, "benchmark");
    private static final BigDecimal AMOUNT = new BigDecimal("1.00");
    /** About the size of the engine's encoded outcome of a top-up. */
    private static final String OUTCOME_BODY = "x".repeat(700);

    private static final String LOCK = "SELECT id, balance FROM le_account WHERE tenant = ? AND program = ?"
            + " AND owner_ref = ? AND unit_kind = ? AND unit_code = ? FOR UPDATE";
    private static final String INSERT_ENTRY = "INSERT INTO le_ledger_entry (tenant, account_id, owner_ref, program,"
            + " unit_kind, unit_code, kind, amount, amount_scale, document_ref, line_ref, business_date,"
            + " recorded_at_nanos, actor, note, idempotency_key, rule_set, rule_version, rule_name, hold_ref)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String UPDATE_BALANCE = "UPDATE le_account SET balance = ?, balance_scale = ?,"
            + " version = version + 1 WHERE id = ?";
    private static final String INSERT_OUTCOME = "INSERT INTO le_outcome (tenant, idempotency_key, fingerprint, body)"
            + " VALUES (?, ?, ?, ?)";

    /** The pool, the store and the engine, shared by the threads as a host shares them. */
    @State(Scope.Benchmark)
    public static class Database {
        final TenantId tenant = TenantId.of("bench-" + UUID.randomUUID().toString().substring(0, 8));
        final AtomicInteger threads = new AtomicInteger();
        final AtomicLong keys = new AtomicLong();
        HikariDataSource pool;
        JpaStore store;
        PosCards pos;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(env("LOYALTY_POSTGRESQL_URL", "jdbc:postgresql://127.0.0.1:5432/test"));
            config.setUsername(env("LOYALTY_POSTGRESQL_USER", "postgres"));
            config.setPassword(env("LOYALTY_POSTGRESQL_PASSWORD", ""));
            config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
            config.setMaximumPoolSize(16);
            pool = new HikariDataSource(config);
            try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
                for (String statement : schema()) {
                    s.execute(statement);
                }
            }
            store = JpaStore.builder().property("jakarta.persistence.nonJtaDataSource", pool).build();
            pos = LoyaltyEngine.builder().store(store).clock(Clock.systemUTC()).build().posCards();
        }

        @TearDown(Level.Trial)
        public void close() {
            store.close();
            pool.close();
        }

        CommandContext next() {
            return CommandContext.of(tenant, CASHIER, "k" + keys.incrementAndGet(), DAY);
        }

        private static String env(String name, String fallback) {
            String v = System.getenv(name);
            return v == null ? fallback : v;
        }
    }

    /** One thread's card (the engine's side) and account (the JDBC side), both funded through the engine. */
    @State(Scope.Thread)
    public static class Till {
        String card;
        AccountKey jdbcAccount;
        MessageDigest sha256;

        @Setup(Level.Trial)
        public void open(Database db) throws NoSuchAlgorithmException {
            int n = db.threads.incrementAndGet();
            card = "B" + n;
            Outcome defined = db.pos.defineCard(db.next(), new Card(card, "Petr", "Svoboda", BigDecimal.ZERO, true,
                    true, Money.currency("CZK")));
            require(defined);
            require(db.pos.changeCredit(db.next(), new ChangeCredit(card, Money.of("100.00", "CZK"), "opening")));
            jdbcAccount = new AccountKey("jdbc:" + n, "pos-card", Unit.currency("CZK"));
            db.store.inTransaction(db.tenant, tx -> {
                tx.accounts().open(jdbcAccount, BigDecimal.ZERO);
                return tx.ledger().append(new LedgerEntry(0, jdbcAccount, EntryKind.TOP_UP, new BigDecimal("100.00"),
                        null, null, DAY, Instant.now(), "cashier", "opening", "open-" + n, RULE, null));
            });
            sha256 = MessageDigest.getInstance("SHA-256");
        }

        private static void require(Outcome o) {
            if (!o.applied()) {
                throw new IllegalStateException("set-up refused: " + o);
            }
        }
    }

    @Benchmark
    public Outcome engine(Database db, Till till) {
        return db.pos.changeCredit(db.next(), new ChangeCredit(till.card, Money.of(AMOUNT, "CZK"), "deposit"));
    }

    @Benchmark
    public int plainJdbc(Database db, Till till) throws SQLException {
        String key = "j" + db.keys.incrementAndGet();
        AccountKey a = till.jdbcAccount;
        try (Connection c = db.pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement(LOCK);
                 PreparedStatement entry = c.prepareStatement(INSERT_ENTRY);
                 PreparedStatement balance = c.prepareStatement(UPDATE_BALANCE);
                 PreparedStatement outcome = c.prepareStatement(INSERT_OUTCOME)) {
                lock.setString(1, db.tenant.value());
                lock.setString(2, a.program());
                lock.setString(3, a.owner());
                lock.setString(4, a.unit().kind().name());
                lock.setString(5, a.unit().code());
                long id;
                BigDecimal before;
                try (ResultSet rs = lock.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("no account " + a);
                    }
                    id = rs.getLong(1);
                    before = rs.getBigDecimal(2);
                }
                Instant now = Instant.now();
                entry.setString(1, db.tenant.value());
                entry.setLong(2, id);
                entry.setString(3, a.owner());
                entry.setString(4, a.program());
                entry.setString(5, a.unit().kind().name());
                entry.setString(6, a.unit().code());
                entry.setString(7, EntryKind.TOP_UP.name());
                entry.setBigDecimal(8, AMOUNT);
                entry.setInt(9, AMOUNT.scale());
                entry.setString(10, null);
                entry.setString(11, null);
                entry.setDate(12, Date.valueOf(DAY));
                entry.setLong(13, now.getEpochSecond() * 1_000_000_000L + now.getNano());
                entry.setString(14, "cashier-eva");
                entry.setString(15, "deposit");
                entry.setString(16, key);
                entry.setString(17, RULE.ruleSet());
                entry.setInt(18, RULE.version());
                entry.setString(19, RULE.rule());
                entry.setString(20, null);
                entry.executeUpdate();
                BigDecimal after = before.add(AMOUNT);
                balance.setBigDecimal(1, after);
                balance.setInt(2, AMOUNT.scale());
                balance.setLong(3, id);
                balance.executeUpdate();
                outcome.setString(1, db.tenant.value());
                outcome.setString(2, key);
                outcome.setString(3, HexFormat.of().formatHex(till.sha256.digest(("change-credit\n" + DAY + "\n"
                        + a.owner() + "\n" + AMOUNT).getBytes(StandardCharsets.UTF_8))));
                outcome.setString(4, OUTCOME_BODY);
                int rows = outcome.executeUpdate();
                c.commit();
                return rows;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    /** The adapter's shipped PostgreSQL script, split at the semicolons that end its statements. */
    private static List<String> schema() {
        String path = "/org/loyaltyengine/jpa/schema/postgresql.sql";
        try (InputStream in = JpaStore.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("the adapter jar does not ship " + path);
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return Arrays.stream(sql.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

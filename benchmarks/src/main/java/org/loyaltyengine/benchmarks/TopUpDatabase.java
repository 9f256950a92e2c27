package org.loyaltyengine.benchmarks;

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
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
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

/**
 * One database for the top-up measurements ({@link DatabaseTopUpBenchmark}, {@link TopUpSoak}): the pool, the JPA
 * store, the engine's POS facade, and the hand-written JDBC top-up on the same pool and tables. A run works in a
 * tenant of its own; every {@link Teller} (one per thread) has a card of its own on the engine's side and an
 * account of its own on the JDBC side, so no two threads ever wait on one row.
 *
 * <p>Sized so that it cannot stall: the pool holds twice the threads and a few more (a thread never waits for a
 * connection another thread's command holds), a connection that is not free within 10 s and a row lock not granted
 * within 10 s fail the command with an exception instead of waiting for ever, which is what made an earlier
 * 8-thread run look as if it hung (docs/performance.md).
 */
final class TopUpDatabase implements AutoCloseable {
    static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION, PosCards.MANUAL_PERMISSION);
    private static final RuleRef RULE = new RuleRef("pos-card", 1, "benchmark");
    private static final BigDecimal AMOUNT = new BigDecimal("1.00");
    /** About the size of the engine's encoded outcome of a top-up. */
    private static final String OUTCOME_BODY = "x".repeat(700);
    private static final long WAIT_MILLIS = 10_000;

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

    /** The two databases, as the adapter's tests name them: URL, user and password from {@code LOYALTY_<NAME>_*}. */
    enum Kind {
        POSTGRESQL("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "SET lock_timeout = '" + WAIT_MILLIS + "ms'"),
        MARIADB("jdbc:mariadb://127.0.0.1:3306/test", "root", "SET SESSION innodb_lock_wait_timeout = "
                + WAIT_MILLIS / 1000);

        private final String url;
        private final String user;
        /** Bounds every row-lock wait of the connection. */
        private final String lockWait;

        Kind(String url, String user, String lockWait) {
            this.url = url;
            this.user = user;
            this.lockWait = lockWait;
        }

        static Kind of(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }

        String env(String what, String fallback) {
            String v = System.getenv("LOYALTY_" + name() + "_" + what);
            return v == null ? fallback : v;
        }

        String url() {
            return env("URL", url);
        }
    }

    final Kind kind;
    final TenantId tenant = TenantId.of("bench-" + UUID.randomUUID().toString().substring(0, 8));
    private final AtomicInteger tellers = new AtomicInteger();
    private final AtomicLong keys = new AtomicLong();
    private final HikariDataSource pool;
    private final JpaStore store;
    private final PosCards pos;

    private TopUpDatabase(Kind kind, int threads) throws SQLException {
        this.kind = kind;
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(kind.url());
        config.setUsername(kind.env("USER", kind.user));
        config.setPassword(kind.env("PASSWORD", ""));
        // The level the adapter is proven at; MariaDB's default is REPEATABLE READ.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(2 * threads + 4);
        config.setConnectionTimeout(WAIT_MILLIS);
        config.setConnectionInitSql(kind.lockWait);
        config.setPoolName("bench-" + kind.name().toLowerCase(Locale.ROOT));
        pool = new HikariDataSource(config);
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            for (String statement : schema(kind)) {
                s.execute(statement);
            }
        }
        store = JpaStore.builder().property("jakarta.persistence.nonJtaDataSource", pool).build();
        pos = LoyaltyEngine.builder().store(store).clock(Clock.systemUTC()).build().posCards();
    }

    /** Opens the pool for {@code threads} threads, creating the tables from the adapter's script if missing. */
    static TopUpDatabase open(String database, int threads) {
        try {
            return new TopUpDatabase(Kind.of(database), threads);
        } catch (SQLException e) {
            throw new IllegalStateException(database + " at " + Kind.of(database).url() + " cannot be prepared: " + e, e);
        }
    }

    @Override
    public void close() {
        store.close();
        pool.close();
    }

    private CommandContext next() {
        return CommandContext.of(tenant, CASHIER, "k" + keys.incrementAndGet(), DAY);
    }

    /** One thread's card (the engine's side) and account (the JDBC side), both holding 100.00 CZK. */
    final class Teller {
        final String card;
        final AccountKey jdbcAccount;
        private final MessageDigest sha256;

        private Teller(int n) throws NoSuchAlgorithmException {
            card = "B" + n;
            require(pos.defineCard(next(), new Card(card, "Petr", "Svoboda", BigDecimal.ZERO, true, true,
                    Money.currency("CZK"))));
            require(pos.changeCredit(next(), new ChangeCredit(card, Money.of("100.00", "CZK"), "opening")));
            jdbcAccount = new AccountKey("jdbc:" + n, "pos-card", Unit.currency("CZK"));
            store.inTransaction(tenant, tx -> {
                tx.accounts().open(jdbcAccount, BigDecimal.ZERO);
                return tx.ledger().append(new LedgerEntry(0, jdbcAccount, EntryKind.TOP_UP, new BigDecimal("100.00"),
                        null, null, DAY, Instant.now(), "cashier", "opening", "open-" + n, RULE, null));
            });
            sha256 = MessageDigest.getInstance("SHA-256");
        }
    }

    Teller teller() {
        try {
            return new Teller(tellers.incrementAndGet());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("no SHA-256 in this Java runtime", e);
        }
    }

    private static void require(Outcome o) {
        if (!o.applied()) {
            throw new IllegalStateException("set-up refused: " + o);
        }
    }

    /** The engine's manual top-up of 1.00 CZK on the teller's card; a refused one fails the run (it measured the wrong path). */
    Outcome engineTopUp(Teller t) {
        Outcome o = pos.changeCredit(next(), new ChangeCredit(t.card, Money.of(AMOUNT, "CZK"), "deposit"));
        require(o);
        return o;
    }

    /** The same top-up in hand-written JDBC: lock the account row, insert the entry, update the balance, insert the outcome. */
    int jdbcTopUp(Teller t) throws SQLException {
        String key = "j" + keys.incrementAndGet();
        AccountKey a = t.jdbcAccount;
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement lock = c.prepareStatement(LOCK);
                 PreparedStatement entry = c.prepareStatement(INSERT_ENTRY);
                 PreparedStatement balance = c.prepareStatement(UPDATE_BALANCE);
                 PreparedStatement outcome = c.prepareStatement(INSERT_OUTCOME)) {
                lock.setString(1, tenant.value());
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
                entry.setString(1, tenant.value());
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
                balance.setBigDecimal(1, before.add(AMOUNT));
                balance.setInt(2, AMOUNT.scale());
                balance.setLong(3, id);
                balance.executeUpdate();
                outcome.setString(1, tenant.value());
                outcome.setString(2, key);
                outcome.setString(3, HexFormat.of().formatHex(t.sha256.digest(("change-credit\n" + DAY + "\n"
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

    /** The adapter's shipped script for the database. */
    private static List<String> schema(Kind kind) {
        return JpaStore.schemaStatements(kind.name());
    }
}

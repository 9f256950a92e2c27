package org.loyaltyengine.jpa;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/**
 * The databases the adapter is proven on, and one store per database per test JVM. The schema is
 * created from the script the jar ships (never by the provider); when the tables were made from
 * another version of the script they are dropped first: the {@code le_*} tables of the {@code test}
 * database belong to these tests. Every test works in tenants of its own, so the tests never clean
 * up after each other.
 *
 * <p>Connection settings can be overridden with the environment variables
 * {@code LOYALTY_<NAME>_URL}, {@code _USER} and {@code _PASSWORD} (NAME is POSTGRESQL or MARIADB).
 */
enum TestDatabase {
    H2("H2", "jdbc:h2:mem:loyalty;DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=5000;QUERY_CACHE_SIZE=0", "sa", "", "h2"),
    POSTGRESQL("PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", "postgresql"),
    MARIADB("MariaDB", "jdbc:mariadb://127.0.0.1:3306/test", "root", "", "mariadb");

    /** Dropped children first, so the foreign keys never stand in the way. */
    private static final List<String> TABLES = List.of("le_command_log", "le_ledger_entry", "le_hold_transition", "le_hold",
            "le_outcome", "le_document", "le_setting", "le_card", "le_customer", "le_account_lock", "le_account");
    private static final Map<TestDatabase, Handle> OPEN = new ConcurrentHashMap<>();

    final String label;
    private final String url;
    private final String user;
    private final String password;
    private final String script;
    private volatile Boolean reachable;

    TestDatabase(String label, String url, String user, String password, String script) {
        this.label = label;
        this.url = env("URL", url);
        this.user = env("USER", user);
        this.password = env("PASSWORD", password);
        this.script = script;
    }

    private String env(String what, String fallback) {
        String v = System.getenv("LOYALTY_" + name() + "_" + what);
        return v == null ? fallback : v;
    }

    /** The store and fault switch on this database, with a fresh schema the first time in this JVM. */
    static Handle handle(TestDatabase db) {
        return OPEN.computeIfAbsent(db, TestDatabase::open);
    }

    JpaStore store() {
        return handle(this).store();
    }

    private static final Map<TestDatabase, JpaStore> THROUGH_PROVIDER = new ConcurrentHashMap<>();

    /**
     * A second store on the same tables and fault switch that inserts every row through the provider, as it would
     * with a provider whose connection the adapter cannot reach.
     */
    JpaStore storeInsertingThroughProvider() {
        return THROUGH_PROVIDER.computeIfAbsent(this, db -> JpaStore.builder().insertsThroughProvider()
                .property("jakarta.persistence.nonJtaDataSource", handle(db).faults()).maxAttempts(20).build());
    }

    /** A plain JDBC connection, for tests that look at the schema or plant rows behind the store's back. */
    java.sql.Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    String where() {
        return url + " as " + user;
    }

    /** Why the tests on the database run, or, when empty, that they are skipped: see {@link #skipped}; {@link OnDatabase} asks it. */
    Optional<String> running() {
        if (this == H2) {
            return Optional.of("in-process database");
        }
        if (reachable()) {
            return Optional.of(label + " answers at " + where());
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            return Optional.of(label + " does not answer at " + where()
                    + ", and CI=true: running so that the tests fail instead of skipping");
        }
        return Optional.empty();
    }

    String skipped() {
        return "SKIPPED: " + label + " does not answer at " + where() + ". Start it with "
                + "loyalty-jpa-adapter/src/test/scripts/start-databases.sh (under CI=true these tests fail instead of skipping)";
    }

    /** Whether a connection can be made now; asked once per JVM. */
    boolean reachable() {
        if (reachable == null) {
            DriverManager.setLoginTimeout(3);
            try (Connection c = DriverManager.getConnection(url, user, password)) {
                reachable = c.isValid(3);
            } catch (SQLException e) {
                reachable = false;
            }
        }
        return reachable;
    }

    private Handle open() {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            List<String> statements = statements();
            String fingerprint = Integer.toHexString(String.join(";", statements).hashCode());
            if (!fingerprint.equals(installedFingerprint(s))) {
                // Tables left by an older script: start over. With the same script (another test JVM
                // running at the same time, say) the tables are left alone.
                for (String table : TABLES) {
                    s.execute("DROP TABLE IF EXISTS " + table);
                }
                for (String statement : statements) {
                    s.execute(statement);
                }
                s.execute("CREATE TABLE IF NOT EXISTS le_test_schema (fingerprint VARCHAR(16) NOT NULL)");
                s.execute("DELETE FROM le_test_schema");
                s.execute("INSERT INTO le_test_schema VALUES ('" + fingerprint + "')");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(label + " at " + where() + " cannot be prepared for the tests: " + e
                    + (System.getenv("CI") != null ? "" : "; start it with loyalty-jpa-adapter/src/test/scripts/start-databases.sh"), e);
        }
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        // The guards are proven at the weakest level the issue names; MariaDB's default is REPEATABLE READ.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        config.setMaximumPoolSize(24);
        config.setPoolName("loyalty-" + name().toLowerCase());
        HikariDataSource pool = new HikariDataSource(config);
        FaultyDataSource faults = new FaultyDataSource(pool);
        JpaStore store = JpaStore.builder()
                .property("jakarta.persistence.nonJtaDataSource", faults)
                .maxAttempts(20)
                .build();
        return new Handle(store, faults);
    }

    /** The fingerprint of the script the tables were made from, recorded by these tests; null if none. */
    private static String installedFingerprint(Statement s) {
        try (var rs = s.executeQuery("SELECT fingerprint FROM le_test_schema")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException noTableYet) {
            return null;
        }
    }

    /** The shipped script. */
    List<String> statements() {
        return JpaStore.schemaStatements(script);
    }

    /** A store and the switch that makes its next commit fail. */
    record Handle(JpaStore store, FaultyDataSource faults) {
    }
}

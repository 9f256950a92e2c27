package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The idempotency key look-up uses the unique index whatever the statistics say (SPEC X-4, issue 14). A plan
 * PostgreSQL cached while le_outcome was empty once had the look-up, which ended in {@code fetch first ? rows
 * only}, scan every outcome of the tenant until the next ANALYZE. Here the statement the store sends is
 * captured, run against a copy of le_outcome made by the shipped script under another name, analysed while
 * empty, then filled with 300,000 outcomes of one tenant without analysing it again (automatic analysis is
 * switched off for the copy), and its plan is read with EXPLAIN: on PostgreSQL as the driver sends it and as
 * a prepared statement forced to its generic plan, on MariaDB as the driver sends it.
 */
@Tag("X-4")
class KeyLookupPlanTest {
    private static final String COPY = "le_plan_outcome";
    private static final int ROWS = 300_000;
    private static final String TENANT = "plan-tenant";

    /** The SQL the store sends to look an idempotency key up, as the driver receives it. */
    private static String keyLookup(TestDatabase db) {
        CommandStatementsContract.Counting counting = new CommandStatementsContract.Counting(
                TestDatabase.handle(db).faults());
        try (JpaStore store = JpaStore.builder().property("jakarta.persistence.nonJtaDataSource", counting).build()) {
            TenantId tenant = TenantId.of("plan-" + UUID.randomUUID().toString().substring(0, 12));
            Optional<StoredOutcome> found = store.inTransaction(tenant,
                    tx -> tx.outcomes().find(IdempotencyKey.of("no-such-key")));
            assertTrue(found.isEmpty());
            List<String> sent = counting.statements();
            assertEquals(1, sent.size(), counting.describe());
            return sent.get(0);
        }
    }

    /** The shipped script's statements for le_outcome, every name in them made the copy's. */
    private static List<String> copyStatements(TestDatabase db) {
        List<String> out = new ArrayList<>();
        for (String s : db.statements()) {
            if (s.matches("(?s).*\\ble_outcome\\b.*")) {
                out.add(renamed(s));
            }
        }
        assertEquals(2, out.size(), "the script makes le_outcome and one index of it: " + out);
        return out;
    }

    private static String renamed(String sql) {
        return sql.replaceAll("\\ble_outcome", COPY);
    }

    private static void assertNoRowLimit(String sql) {
        String lower = sql.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("fetch first") || lower.contains(" limit ") || lower.contains(" offset "),
                "a unique key needs no row limit: " + sql);
        assertTrue(lower.contains(" from le_outcome "), sql);
    }

    private static List<String> explain(PreparedStatement explain) throws SQLException {
        List<String> plan = new ArrayList<>();
        try (ResultSet rs = explain.executeQuery()) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int c = 1; c <= columns; c++) {
                    row.append(rs.getMetaData().getColumnLabel(c)).append('=').append(rs.getString(c)).append(' ');
                }
                plan.add(row.toString().strip());
            }
        }
        return plan;
    }

    @Nested
    @OnDatabase(TestDatabase.POSTGRESQL)
    class OnPostgres {
        @Test
        void keyLookup_usesTheUniqueIndexOnATableWhoseStatisticsSayEmpty() throws SQLException {
            String sql = keyLookup(TestDatabase.POSTGRESQL);
            assertNoRowLimit(sql);
            try (Connection c = TestDatabase.POSTGRESQL.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + COPY);
                for (String create : copyStatements(TestDatabase.POSTGRESQL)) {
                    s.execute(create);
                }
                s.execute("ALTER TABLE " + COPY + " SET (autovacuum_enabled = false)");
                s.execute("ANALYZE " + COPY);
                s.execute("INSERT INTO " + COPY + " (tenant, idempotency_key, fingerprint, body) SELECT '" + TENANT
                        + "', 'key-' || g, 'fingerprint', 'body' FROM generate_series(1, " + ROWS + ") g");
                try (ResultSet rs = s.executeQuery("SELECT reltuples FROM pg_class WHERE relname = '" + COPY + "'")) {
                    assertTrue(rs.next());
                    assertTrue(rs.getDouble(1) <= 0, "the statistics still say empty, was " + rs.getDouble(1));
                }
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + COPY)) {
                    assertTrue(rs.next());
                    assertEquals(ROWS, rs.getInt(1));
                }
                String copy = renamed(sql);
                // As the driver sends it, the values bound.
                try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + copy)) {
                    explain.setString(1, TENANT);
                    explain.setString(2, "key-150000");
                    assertUsesUniqueIndex(explain(explain));
                }
                // As a statement prepared once and run many times, planned without its values.
                String numbered = copy;
                for (int i = 1; numbered.contains("?"); i++) {
                    numbered = numbered.replaceFirst("\\?", "\\$" + i);
                }
                s.execute("SET plan_cache_mode = force_generic_plan");
                s.execute("PREPARE key_lookup(varchar, varchar) AS " + numbered);
                try (PreparedStatement explain = c.prepareStatement("EXPLAIN EXECUTE key_lookup('" + TENANT
                        + "', 'key-150000')")) {
                    List<String> plan = explain(explain);
                    assertUsesUniqueIndex(plan);
                } finally {
                    s.execute("DEALLOCATE key_lookup");
                    s.execute("RESET plan_cache_mode");
                    s.execute("DROP TABLE " + COPY);
                }
            }
        }

        private void assertUsesUniqueIndex(List<String> plan) {
            String text = String.join("\n", plan);
            assertTrue(text.contains("Index Scan using " + COPY + "_key")
                    || text.contains("Index Only Scan using " + COPY + "_key")
                    || text.contains("Bitmap Index Scan on " + COPY + "_key"), text);
            assertFalse(text.contains("Seq Scan") || text.contains(COPY + "_log"), text);
        }
    }

    @Nested
    @OnDatabase(TestDatabase.MARIADB)
    class OnMariaDb {
        @Test
        void keyLookup_usesTheUniqueIndexOnATableWhoseStatisticsSayEmpty() throws SQLException {
            String sql = keyLookup(TestDatabase.MARIADB);
            assertNoRowLimit(sql);
            try (Connection c = TestDatabase.MARIADB.connect(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + COPY);
                for (String create : copyStatements(TestDatabase.MARIADB)) {
                    s.execute(create);
                }
                // Persistent statistics, never recalculated on their own: they say what ANALYZE saw.
                s.execute("ALTER TABLE " + COPY + " STATS_PERSISTENT = 1, STATS_AUTO_RECALC = 0");
                s.execute("ANALYZE TABLE " + COPY);
                try {
                    s.execute("SET SESSION max_recursive_iterations = " + (ROWS + 1));
                    s.execute("INSERT INTO " + COPY + " (tenant, idempotency_key, fingerprint, body) SELECT '" + TENANT
                            + "', CONCAT('key-', n), 'fingerprint', 'body' FROM (WITH RECURSIVE g(n) AS (SELECT 1"
                            + " UNION ALL SELECT n + 1 FROM g WHERE n < " + ROWS + ") SELECT n FROM g) numbers");
                    try (ResultSet rs = s.executeQuery("SELECT n_rows FROM mysql.innodb_table_stats WHERE table_name = '"
                            + COPY + "' AND database_name = DATABASE()")) {
                        assertTrue(rs.next(), "persistent statistics of the copy");
                        assertEquals(0, rs.getLong(1), "the statistics still say empty");
                    }
                    try (ResultSet rs = s.executeQuery("SELECT count(*) FROM " + COPY)) {
                        assertTrue(rs.next());
                        assertEquals(ROWS, rs.getInt(1));
                    }
                    try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + renamed(sql))) {
                        explain.setString(1, TENANT);
                        explain.setString(2, "key-150000");
                        List<String> plan = explain(explain);
                        String text = String.join("\n", plan);
                        assertEquals(1, plan.size(), text);
                        assertTrue(text.contains("key=" + COPY + "_key "), text);
                        assertTrue(text.contains("type=const") || text.contains("type=eq_ref")
                                || text.contains("type=ref "), text);
                    }
                } finally {
                    s.execute("DROP TABLE " + COPY);
                }
            }
        }
    }
}

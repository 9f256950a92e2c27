package org.loyaltyengine.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.loyaltyengine.jpa.JpaStore;

/**
 * The JPA adapter's schema scripts, as its own tests apply them: on a server database shared with those tests
 * the tables are made again only when they came from another version of the script (recorded in
 * {@code le_test_schema} by the same fingerprint), so that the two suites, run one after the other in a build,
 * keep each other's tables. Every test works in a tenant of its own.
 */
final class SchemaScript {
    private SchemaScript() {
    }

    /** The shipped script. */
    static List<String> statements(String script) {
        return JpaStore.schemaStatements(script);
    }

    /** The tables created on an empty database. */
    static void create(Connection c, List<String> statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The tables made again on a shared database when they came from another script, as the adapter's tests do. */
    static void shared(Connection c, List<String> statements) throws SQLException {
        String fingerprint = Integer.toHexString(String.join(";", statements).hashCode());
        try (Statement s = c.createStatement()) {
            if (fingerprint.equals(installed(s))) {
                return;
            }
            for (String table : LiveCommandLogContract.TABLES) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
            for (String statement : statements) {
                s.execute(statement);
            }
            s.execute("CREATE TABLE IF NOT EXISTS le_test_schema (fingerprint VARCHAR(16) NOT NULL)");
            s.execute("DELETE FROM le_test_schema");
            s.execute("INSERT INTO le_test_schema VALUES ('" + fingerprint + "')");
        }
    }

    private static String installed(Statement s) {
        try (var rs = s.executeQuery("SELECT fingerprint FROM le_test_schema")) {
            return rs.next() ? rs.getString(1) : null;
        } catch (SQLException noTableYet) {
            return null;
        }
    }
}

package org.loyaltyengine.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Tag;

/** {@link LiveCommandLogContract} on PostgreSQL: {@code LOYALTY_POSTGRESQL_URL}, {@code _USER}, {@code _PASSWORD}. */
@Tag("X-11")
class LiveCommandLogPostgresTest extends LiveCommandLogContract {
    private static final String URL = env("URL", "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = env("USER", "postgres");
    private static final String PASSWORD = env("PASSWORD", "");

    static String env(String what, String fallback) {
        String v = System.getenv("LOYALTY_POSTGRESQL_" + what);
        return v == null ? fallback : v;
    }

    @Override
    void require() {
        requireServer("PostgreSQL", URL, USER, PASSWORD);
    }

    @Override
    String url() {
        return URL;
    }

    @Override
    String user() {
        return USER;
    }

    @Override
    String password() {
        return PASSWORD;
    }

    @Override
    String script() {
        return "postgresql";
    }

    /** A database that does not exist: refused whatever the server's authentication (trust, on a test server). */
    @Override
    List<String> wrongLogin() {
        return List.of("--log", URL.replaceFirst("/([^/?]+)(\\?|$)", "/$1_missing$2"), "--user", USER, "--password",
                wrongSecret());
    }

    @Override
    String wrongSecret() {
        return "not-the-pg-secret";
    }

    @Override
    boolean parallel() {
        return true;
    }

    @Override
    void prepare(Connection c, List<String> statements) throws SQLException {
        SchemaScript.shared(c, statements);
    }
}

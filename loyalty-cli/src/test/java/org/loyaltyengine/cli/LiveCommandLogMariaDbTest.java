package org.loyaltyengine.cli;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Tag;

/** {@link LiveCommandLogContract} on MariaDB: {@code LOYALTY_MARIADB_URL}, {@code _USER}, {@code _PASSWORD}. */
@Tag("X-11")
class LiveCommandLogMariaDbTest extends LiveCommandLogContract {
    private static final String URL = env("URL", "jdbc:mariadb://127.0.0.1:3306/test");
    private static final String USER = env("USER", "root");
    private static final String PASSWORD = env("PASSWORD", "");

    static String env(String what, String fallback) {
        String v = System.getenv("LOYALTY_MARIADB_" + what);
        return v == null ? fallback : v;
    }

    @Override
    void require() {
        requireServer("MariaDB", URL, USER, PASSWORD);
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
        return "mariadb";
    }

    /** The right user with a wrong password. */
    @Override
    List<String> wrongLogin() {
        return List.of("--log", URL, "--user", USER, "--password", wrongSecret());
    }

    @Override
    String wrongSecret() {
        return "not-the-mariadb-secret";
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

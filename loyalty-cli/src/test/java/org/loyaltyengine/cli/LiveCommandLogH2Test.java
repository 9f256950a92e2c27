package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link LiveCommandLogContract} on an H2 file database, with a password (given to the tool through
 * {@code LOYALTY_LOG_PASSWORD}); and a mistyped path, which the tool must not create.
 */
@Tag("X-11")
class LiveCommandLogH2Test extends LiveCommandLogContract {
    private static final String SECRET = "h2-log-secret";
    private static final Path FOLDER;

    static {
        try {
            FOLDER = Files.createTempDirectory("live-log-h2");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    String url() {
        return "jdbc:h2:file:" + FOLDER.resolve("store") + ";LOCK_TIMEOUT=5000;QUERY_CACHE_SIZE=0";
    }

    @Override
    String user() {
        return "sa";
    }

    @Override
    String password() {
        return SECRET;
    }

    @Override
    String script() {
        return "h2";
    }

    @Override
    List<String> wrongLogin() {
        return List.of("--log", url(), "--user", "sa", "--password", wrongSecret());
    }

    @Override
    String wrongSecret() {
        return "not-the-h2-secret";
    }

    @Override
    boolean parallel() {
        return false;
    }

    @Override
    void prepare(Connection c, List<String> statements) throws SQLException {
        SchemaScript.create(c, statements);
    }

    @Override
    Map<String, List<String>> moreRuns() {
        return Map.of("mistyped", List.of("explain", "live-1", "--log", "jdbc:h2:file:" + FOLDER.resolve("stroe"),
                "--tenant", tenant, "--user", "sa"));
    }

    @Test
    void aMistypedPathIsAnErrorAndCreatesNoDatabase() throws IOException {
        Loyalty.Run run = run("mistyped");
        assertEquals(1, run.exit(), run::describe);
        assertEquals(1, run.err().size(), run::describe);
        assertTrue(run.err().get(0).startsWith("loyalty explain: LOG_UNREADABLE: cannot read the command log of tenant "
                + tenant + " at jdbc:h2:file:" + FOLDER.resolve("stroe") + " as sa: Database "), run::describe);
        try (var files = Files.list(FOLDER)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().startsWith("stroe")), "a database was created");
        }
        noPassword(run, SECRET);
    }
}

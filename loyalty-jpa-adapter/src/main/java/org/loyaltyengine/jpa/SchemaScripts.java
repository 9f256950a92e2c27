package org.loyaltyengine.jpa;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.StoreException;

/**
 * The schema scripts this jar ships ({@code org/loyaltyengine/jpa/schema/<postgresql|mariadb|h2>.sql}), as
 * statements a host, a test or a benchmark can run one by one over JDBC: comment lines dropped, split at the
 * semicolons that end the statements (the scripts put no semicolon inside a statement). Every statement is safe to
 * run again on a database that has the tables ({@code CREATE ... IF NOT EXISTS}, {@code ADD COLUMN IF NOT EXISTS}).
 */
final class SchemaScripts {
    /** The databases a script ships for, by the name of its file. */
    static final Set<String> DATABASES = Set.of("postgresql", "mariadb", "h2");

    private SchemaScripts() {
    }

    /** The script for {@code database} (postgresql, mariadb or h2, in any case), as its statements in order. */
    static List<String> statements(String database) {
        String name = database == null ? null : database.toLowerCase(Locale.ROOT);
        if (name == null || !DATABASES.contains(name)) {
            throw new InvalidValueException("a schema script ships for postgresql, mariadb and h2, not " + database);
        }
        String path = "/org/loyaltyengine/jpa/schema/" + name + ".sql";
        try (InputStream in = SchemaScripts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw StoreException.failed("the adapter's jar does not hold " + path, null);
            }
            StringBuilder sql = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.strip().startsWith("--")) {
                    sql.append(line).append('\n');
                }
            }
            return Arrays.stream(sql.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw StoreException.failed("reading " + path + " from the adapter's jar", e);
        }
    }
}

package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.LoyaltyException;

/** The shipped scripts as statements a host runs over JDBC (SPEC X-2: the store's tables from its own scripts). */
@Tag("X-2")
class SchemaScriptsTest {
    @Test
    void eachScript_isStatementsWithoutComments_andTheH2OneMakesTheTablesTwiceOver() throws Exception {
        for (String database : List.of("postgresql", "MariaDB", "h2")) {
            List<String> statements = JpaStore.schemaStatements(database);
            assertTrue(statements.stream().anyMatch(s -> s.startsWith("CREATE TABLE IF NOT EXISTS le_account_lock")),
                    database);
            assertTrue(statements.stream().noneMatch(s -> s.startsWith("--") || s.endsWith(";") || s.isBlank()),
                    database);
        }
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:schema-scripts;DB_CLOSE_DELAY=-1");
             Statement s = c.createStatement()) {
            // Run twice: every statement is safe on a database that has the tables.
            for (int round = 0; round < 2; round++) {
                for (String statement : JpaStore.schemaStatements("h2")) {
                    s.execute(statement);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM information_schema.tables"
                    + " WHERE lower(table_name) LIKE 'le\\_%' ESCAPE '\\'")) {
                rs.next();
                assertTrue(rs.getInt(1) >= 10, "tables made: " + rs.getInt(1));
            }
        }
    }

    @Test
    void anotherDatabase_isATypedError() {
        for (String database : new String[] {"oracle", "", null, "../h2"}) {
            LoyaltyException e = assertThrows(LoyaltyException.class, () -> JpaStore.schemaStatements(database));
            assertEquals("INVALID_VALUE", e.code());
        }
    }
}

package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoreException;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.pos.CardTopUps;

/**
 * A database whose tables were made by an older script, without {@code le_account_lock.lock_count} (which the
 * lock raises since the lock became a write, for Galera): a command that locks a key is refused with
 * {@code SCHEMA_OUTDATED}, naming the column, and applies nothing; running the shipped script again adds the
 * column, and the same command then applies. On a database of its own, so the shared test schema stays whole.
 */
@Tag("X-10")
class OutdatedSchemaH2Test {
    @Test
    void aLockTableWithoutItsCount_isRefusedTyped_untilTheScriptRunsAgain() throws SQLException {
        String url = "jdbc:h2:mem:outdated-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;QUERY_CACHE_SIZE=0";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername("sa");
        config.setPassword("");
        try (Connection keepAlive = DriverManager.getConnection(url, "sa", "");
                HikariDataSource pool = new HikariDataSource(config);
                JpaStore store = JpaStore.builder().property("jakarta.persistence.nonJtaDataSource", pool).build()) {
            runScript(keepAlive);
            try (Statement s = keepAlive.createStatement()) {
                s.execute("ALTER TABLE le_account_lock DROP COLUMN lock_count");
            }
            CardTopUps commands = new CardTopUps(store, TenantId.of("outdated"));

            // Defining a card locks its number's key: the lock row's update names the missing column.
            StoreException refused = assertThrows(StoreException.class, () -> commands.defineCard("7001"));
            assertEquals("SCHEMA_OUTDATED", refused.code(), refused.getMessage());
            String message = refused.getMessage().toLowerCase(Locale.ROOT);
            assertTrue(message.contains("lock_count") && message.contains("schema script"), refused.getMessage());

            runScript(keepAlive);
            Outcome defined = commands.defineCard("7001");
            // Applied, not "already defined": the refused attempt left nothing behind.
            assertTrue(defined.applied(), defined.toString());
        }
    }

    private static void runScript(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : TestDatabase.H2.statements()) {
                s.execute(statement);
            }
        }
    }
}

package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.TenantId;

/**
 * MariaDB's utf8mb4_bin is PAD SPACE: it compares 'k' and 'k ' as equal, so a tenant "shopA " read
 * shopA's rows and a card "4242 " overwrote card 4242. The schema's NO PAD collation keeps every key
 * exact, as Java compares it; the value types refuse edge whitespace besides, so both would have to
 * fail for two keys to meet.
 */
@Tag("X-7")
@Tag("X-4")
@OnDatabase(TestDatabase.MARIADB)
class MariaDbIdentifiersTest {
    private final TestDatabase db = TestDatabase.MARIADB;
    private final JpaStore store = db.store();
    private final TenantId tenant = JpaStoreContract.freshTenant();

    @Test
    void everyTextColumn_comparesWithoutPadding() throws SQLException {
        List<String> padded = new ArrayList<>();
        try (Connection c = db.connect(); PreparedStatement q = c.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME,"
                + " COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()"
                + " AND TABLE_NAME LIKE 'le\\_%' AND TABLE_NAME <> 'le_test_schema' AND COLLATION_NAME IS NOT NULL"); ResultSet rs = q.executeQuery()) {
            int columns = 0;
            while (rs.next()) {
                columns++;
                // MariaDB names its NO PAD collations *_nopad_*; information_schema has no pad attribute.
                if (!rs.getString(3).contains("_nopad_")) {
                    padded.add(rs.getString(1) + "." + rs.getString(2) + " " + rs.getString(3));
                }
            }
            assertTrue(columns > 40, "the schema's text columns were found: " + columns);
        }
        assertEquals(List.of(), padded);
    }

    @Test
    void keysThatDifferOnlyByTrailingSpaces_areTwoRows() throws SQLException {
        try (Connection c = db.connect()) {
            for (String key : List.of("k", "k ", "k  ")) {
                insert(c, "INSERT INTO le_outcome (tenant, idempotency_key, fingerprint, body) VALUES (?, ?, 'f', 'b')",
                        key);
                insert(c, "INSERT INTO le_card (tenant, card_number, first_name, last_name, discount_percent,"
                        + " discount_scale, credit_drawing, load_onto_card, currency) VALUES (?, ?, 'x', 'y', 0, 0,"
                        + " FALSE, FALSE, 'CZK')", "4242" + key.substring(1));
            }
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM le_outcome WHERE tenant = ?"
                    + " AND idempotency_key = 'k'")) {
                q.setString(1, tenant.value());
                try (ResultSet rs = q.executeQuery()) {
                    rs.next();
                    assertEquals(1, rs.getInt(1), "'k' finds only 'k', not 'k ' or 'k  '");
                }
            }
        }
    }

    @Test
    void aRowWhoseKeyEndsInASpace_isNotFoundUnderTheKeyWithout() throws SQLException {
        // A row left by another writer (an older release, a hand edit): the store must not take it for 4242.
        try (Connection c = db.connect()) {
            insert(c, "INSERT INTO le_card (tenant, card_number, first_name, last_name, discount_percent,"
                    + " discount_scale, credit_drawing, load_onto_card, currency) VALUES (?, ?, 'Planted', 'Row', 100, 0,"
                    + " TRUE, TRUE, 'CZK')", "4242 ");
        }
        assertEquals(Optional.empty(), store.inTransaction(tenant, tx -> tx.cards().find("4242")));
        Card card = new Card("4242", "Jan", "Novak", java.math.BigDecimal.ONE, false, true,
                org.loyaltyengine.spi.Money.currency("CZK"));
        store.inTransaction(tenant, tx -> {
            tx.cards().insert(card);
            return null;
        });
        assertEquals(card, store.inTransaction(tenant, tx -> tx.cards().find("4242")).orElseThrow());
    }

    private void insert(Connection c, String sql, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, tenant.value());
            s.setString(2, key);
            s.executeUpdate();
        }
    }
}

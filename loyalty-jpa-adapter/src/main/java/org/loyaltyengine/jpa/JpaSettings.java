package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.unique;

import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.persistence.LockModeType;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.Settings;
import org.loyaltyengine.spi.StaleWriteException;

/** The programs' settings of one {@link JpaTransaction}, put compare-and-set on what the caller read. */
final class JpaSettings extends JpaRepository implements Settings {
    JpaSettings(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    private Optional<SettingRow> settingRow(String program) {
        return unique(s.query("select s from SettingRow s where s.tenant = :t and s.program = :p", SettingRow.class)
                .setParameter("p", program));
    }

    private static Map<String, String> values(Optional<SettingRow> row) {
        return row.map(r -> Checks.sortedMap(TextCodec.map(r.body), "settings")).orElse(Map.of());
    }

    @Override
    public Map<String, String> of(String program) {
        if (!Checks.isIdentifier(program, Limits.CODE)) {
            return Map.of();
        }
        return tx.call(() -> values(settingRow(program)));
    }

    @Override
    public void put(String program, Map<String, String> read, Map<String, String> values) {
        Checks.identifier(program, "program", Limits.CODE);
        Checks.notNull(read, "settings read");
        String body = TextCodec.map(Checks.sortedMap(values, "settings"));
        Supplier<RuntimeException> stale = () -> new StaleWriteException("the settings of " + program
                + " were changed meanwhile by another transaction; read them again and put what follows from them");
        // No row, and another open transaction creating it: the unique key waits for that one and then
        // refuses this insert, since what this one read ("none") is stale by then.
        tx.call(() -> {
            // Locked and read afresh, so that the compare and the write see the same committed row.
            Optional<SettingRow> row = unique(s.query("select s from SettingRow s where s.tenant = :t and s.program = :p",
                    SettingRow.class).setParameter("p", program).setLockMode(LockModeType.PESSIMISTIC_WRITE));
            row.ifPresent(r -> s.em.refresh(r, LockModeType.PESSIMISTIC_WRITE));
            if (!values(row).equals(read)) {
                throw stale.get();
            }
            if (row.isPresent()) {
                row.get().body = body;
            } else {
                s.em.persist(new SettingRow(s.t, program, body));
            }
            s.em.flush();
            return null;
        }, stale);
    }
}

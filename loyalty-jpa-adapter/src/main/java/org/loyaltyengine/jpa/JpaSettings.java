package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.first;

import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.Settings;

/** The programs' settings of one {@link JpaTransaction}, put only over what it read. */
final class JpaSettings extends JpaRepository implements Settings {
    JpaSettings(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    private Optional<SettingRow> settingRow(String program) {
        return first(s.query("select s from SettingRow s where s.tenant = :t and s.program = :p", SettingRow.class)
                .setParameter("p", program));
    }

    @Override
    public Map<String, String> of(String program) {
        if (!Checks.isIdentifier(program, Limits.CODE)) {
            return Map.of();
        }
        return tx.call(() -> {
            Optional<SettingRow> row = settingRow(program);
            String body = row.map(r -> r.body).orElse(null);
            // Noted for put: a put over settings that moved since this first read re-runs. A second read
            // may find them moved; the caller that holds the settings' lock reads them current.
            s.settingsRead.putIfAbsent(program, body);
            return row.map(r -> Checks.sortedMap(TextCodec.map(r.body), "settings")).orElse(Map.of());
        });
    }

    @Override
    public void put(String program, Map<String, String> values) {
        Checks.identifier(program, "program", Limits.CODE);
        String body = TextCodec.map(Checks.sortedMap(values, "settings"));
        tx.call(() -> {
            // Locked and read afresh: the values put were most likely made from what this
            // transaction read, and must not overwrite what another committed since.
            Optional<SettingRow> row = s.lockedSettingsAsRead(program);
            if (row.isPresent()) {
                row.get().body = body;
            } else {
                s.em.persist(new SettingRow(s.t, program, body));
            }
            s.em.flush();
            s.settingsRead.put(program, body);
            return null;
        }, () -> new Failures.Retry("settings of " + program + " were created concurrently", null));
    }
}

package org.loyaltyengine.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.loyaltyengine.AuditRecord;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.StoreTransaction;

/**
 * How the audit trail is kept: one store document per change, of type {@code audit:<kind>}, owned by
 * the subject, with the command, actor, time and key as attributes and the state before and after
 * under the prefixes {@code before.} and {@code after.}. Documents, because every store already keeps
 * them with an index by type and owner, so the trail needs no table or repository of its own.
 */
public final class AuditLog {
    static final String TYPE_PREFIX = "audit:";
    private static final String BEFORE = "before.";
    private static final String AFTER = "after.";

    private AuditLog() {
    }

    /** Writes one record; its id is derived from the key, so a re-run transaction writes the same record. */
    static void write(StoreTransaction tx, CommandContext ctx, String command, Instant at, AuditSubject subject,
                      Map<String, String> before, Map<String, String> after) {
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("command", command);
        attributes.put("actor", ctx.actor().user());
        attributes.put("at", at.toString());
        attributes.put("key", ctx.key().value());
        before.forEach((k, v) -> attributes.put(BEFORE + k, v));
        after.forEach((k, v) -> attributes.put(AFTER + k, v));
        String id = UUID.nameUUIDFromBytes((ctx.key().value() + "\n" + subject.kind() + "\n" + subject.id())
                .getBytes(StandardCharsets.UTF_8)).toString();
        tx.documents().save(new Document(TYPE_PREFIX + subject.kind(), id, subject.id(), "RECORDED",
                ctx.businessDate(), null, attributes, List.of(), 0));
    }

    /** The records of one subject of a kind (or of all its subjects, {@code subject} null), oldest first. */
    public static List<AuditRecord> read(StoreTransaction tx, String kind, String subject) {
        List<AuditRecord> records = new ArrayList<>();
        for (Document d : tx.documents().list(TYPE_PREFIX + kind, subject)) {
            Map<String, String> before = new TreeMap<>();
            Map<String, String> after = new TreeMap<>();
            d.attributes().forEach((k, v) -> {
                if (k.startsWith(BEFORE)) {
                    before.put(k.substring(BEFORE.length()), v);
                } else if (k.startsWith(AFTER)) {
                    after.put(k.substring(AFTER.length()), v);
                }
            });
            records.add(new AuditRecord(kind, d.owner(), Instant.parse(d.attributes().get("at")), d.date(),
                    d.attributes().get("actor"), d.attributes().get("command"), d.attributes().get("key"), before,
                    after));
        }
        records.sort(Comparator.comparing(AuditRecord::at));
        return records;
    }
}

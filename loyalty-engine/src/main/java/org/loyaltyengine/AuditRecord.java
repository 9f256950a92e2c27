package org.loyaltyengine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.loyaltyengine.spi.Checks;

/**
 * One change of a program's settings, catalogue, cards or master data, as the audit trail keeps it
 * (SPEC X-8): which subject, when, on which business date, by whom, by which command under which
 * idempotency key, and the subject's state before and after (empty before: it was created).
 *
 * @param kind    what was changed, one of the kinds of {@link AuditTrail} (e.g. {@link AuditTrail#POS_CARD})
 * @param subject which one: a card number, a product, a customer id, a program for its settings
 */
public record AuditRecord(String kind, String subject, Instant at, LocalDate businessDate, String actor,
                          String command, String idempotencyKey, Map<String, String> before,
                          Map<String, String> after) {
    public AuditRecord {
        Checks.text(kind, "audit kind");
        Checks.text(subject, "audit subject");
        Checks.notNull(at, "audit time");
        Checks.notNull(businessDate, "business date");
        Checks.text(actor, "actor");
        Checks.text(command, "command");
        Checks.text(idempotencyKey, "idempotency key");
        before = Checks.sortedMap(before, "state before");
        after = Checks.sortedMap(after, "state after");
    }
}

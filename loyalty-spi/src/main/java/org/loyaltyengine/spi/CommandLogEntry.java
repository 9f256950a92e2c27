package org.loyaltyengine.spi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One command the pipeline executed, as the command log keeps it (SPEC X-11): what was asked, by whom,
 * under which key and business date, the request as canonical JSON, and the outcome that decided it
 * (applied or rejected, the rule-set version, the rules that fired in order). Written in the same
 * transaction as the outcome, so a command that rolled back left no entry.
 *
 * <p>The request and its type are enough to rebuild the request record and run it again (the engine's
 * {@code CommandLog.readRequest}); the JSON is the engine's canonical form (sorted keys, decimals as
 * strings with their scale, dates and instants as ISO text, nulls written out).
 *
 * @param sequence    the entry's place in its tenant's log, assigned by the store on append (0 before):
 *                    increasing in the order the commands took their locks, not necessarily without gaps
 * @param requestType the request record's class name, so that two payloads of one command name (an
 *                    enrolment of one customer and of all) are told apart on reading
 * @param permissions the permissions the acting user held, sorted, so the command can run again as then
 * @param recordedAt  when the pipeline decided it, from the engine's clock
 */
public record CommandLogEntry(long sequence, TenantId tenant, IdempotencyKey key, String command, String requestType,
                              String actor, List<String> permissions, LocalDate businessDate, Instant recordedAt,
                              String request, Outcome outcome) {
    public CommandLogEntry {
        if (sequence < 0) {
            throw new InvalidValueException("a command log sequence is 0 (not yet appended) or more, was " + sequence);
        }
        Checks.notNull(tenant, "tenant");
        Checks.notNull(key, "idempotency key");
        Checks.identifier(command, "command", Limits.CODE);
        Checks.identifier(requestType, "request type", Limits.IDENTIFIER);
        Checks.identifier(actor, "actor", Limits.IDENTIFIER);
        permissions = Checks.list(permissions, "permissions").stream().sorted().toList();
        permissions.forEach(p -> Checks.identifier(p, "permission", Limits.CODE));
        Checks.date(businessDate, "business date");
        Checks.instant(recordedAt, "recorded time");
        Checks.text(request, "request");
        if (request.length() > Limits.DOCUMENT_TEXT) {
            throw new InvalidValueException("a logged request holds at most " + Limits.DOCUMENT_TEXT + " characters");
        }
        Checks.notNull(outcome, "outcome");
        if (!outcome.command().equals(command)) {
            throw new InvalidValueException("the outcome of " + outcome.command() + " cannot be logged for " + command);
        }
    }

    /** The same entry with the sequence its store assigned. */
    public CommandLogEntry withSequence(long assigned) {
        return new CommandLogEntry(assigned, tenant, key, command, requestType, actor, permissions, businessDate,
                recordedAt, request, outcome);
    }

    /** Applied or rejected. */
    public Outcome.Status status() {
        return outcome.status();
    }

    /** The rule set that decided the command; null when nothing decided it (no rule set named). */
    public String ruleSet() {
        return outcome.ruleSet();
    }

    /** The version of {@link #ruleSet()} that decided it. */
    public int ruleVersion() {
        return outcome.ruleVersion();
    }

    /** The rules that fired, in the order they fired; empty for a command refused before any rule ran. */
    public List<String> rulesFired() {
        return outcome.rulesFired();
    }
}

package org.loyaltyengine.spi;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a command did, or would do in a dry run: applied or rejected (with reasons), the ledger
 * entries and hold changes it made, the balances after it, notices, program values (a discount, a
 * settlement amount), and which rule-set version decided it and which rules fired.
 *
 * <p>Outcomes are stored under their idempotency key, so a repeated command returns this same value.
 * Each records the user on whose behalf it was decided ({@code actor}): the audit trail of who did
 * what, refusals included (SPEC X-8).
 *
 * @param actor the acting user; null only in an outcome a store kept from before outcomes recorded
 *              their actor (a store reads such rows back as they are, it does not invent a user)
 */
public record Outcome(Status status, String command, String idempotencyKey, boolean dryRun, String ruleSet,
                      int ruleVersion, List<String> rulesFired, List<Rejection> rejections, List<LedgerEntry> entries,
                      List<HoldEvent> holds, List<Balance> balances, List<Notice> notices,
                      Map<String, String> values, Instant decidedAt, String actor) {

    public enum Status { APPLIED, REJECTED }

    public Outcome {
        Checks.notNull(status, "status");
        Checks.identifier(command, "command", Limits.CODE);
        Checks.optionalIdentifier(idempotencyKey, "idempotency key", Limits.IDEMPOTENCY_KEY);
        Checks.optionalIdentifier(ruleSet, "rule set", Limits.CODE);
        rulesFired = Checks.list(rulesFired, "rules fired");
        rulesFired.forEach(r -> Checks.name(r, "rule fired", Limits.NAME));
        rejections = Checks.list(rejections, "rejections");
        entries = Checks.list(entries, "entries");
        holds = Checks.list(holds, "holds");
        balances = Checks.list(balances, "balances");
        notices = Checks.list(notices, "notices");
        values = Checks.sortedMap(values, "values");
        Checks.instant(decidedAt, "decided time");
        Checks.optionalIdentifier(actor, "actor", Limits.IDENTIFIER);
        if ((status == Status.REJECTED) == rejections.isEmpty()) {
            throw new InvalidValueException("an outcome is rejected exactly when it carries rejections");
        }
    }

    public boolean applied() {
        return status == Status.APPLIED;
    }

    public boolean rejected() {
        return status == Status.REJECTED;
    }

    /** The reason codes of a rejected outcome, in the order the rules raised them. */
    public List<String> reasonCodes() {
        return rejections.stream().map(Rejection::code).toList();
    }

    /**
     * The typed result of this command, if it decided one of {@code type}: the settlement of a card, the
     * points a payment took, the mode a card was identified in. A rejected outcome has only the typed details
     * its rules gave their rejections (which points are not yet spendable, and from when).
     *
     * @see Results
     */
    public <T extends Record> Optional<T> result(Class<T> type) {
        return Results.decode(values, type);
    }

    /** This outcome as a dry run would report it. */
    public Outcome asDryRun() {
        return new Outcome(status, command, idempotencyKey, true, ruleSet, ruleVersion, rulesFired, rejections,
                entries, holds, balances, notices, values, decidedAt, actor);
    }
}

package org.loyaltyengine.cli;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;

import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Balance;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Runs the commands of a command log again, in the log's order, on a fresh in-memory store through an engine
 * built on a given rule source (SPEC X-11: what-if and its baseline). Each command runs as it was logged: the
 * same tenant, idempotency key, acting user with the permissions it held, and business date, with a clock that
 * reads the time the command was recorded at, so that whatever the pipeline stamps (ledger entries, holds, the
 * outcome's decided time) is what it stamped then. Nothing but the in-memory store is ever written.
 *
 * <p>Each entry runs through {@code engine.commandLog().rerun}: the engine's own registry rebuilds the logged
 * request and runs it through the pipeline with the command instance its facade uses, so the request is the one
 * the pipeline decided (a year-end run with its year and the day it ran, an import row with the customer it
 * found), not one rebuilt here from a facade's parameters.
 */
final class Replay {
    /**
     * What one command did on replay, normalised for comparison: its outcome, or the typed error it threw
     * (a logged command never threw: a command that throws is not logged).
     */
    record Result(CommandLogEntry entry, Outcome outcome, String error) {
        boolean applied() {
            return outcome != null && outcome.applied();
        }
    }

    private final SettableClock clock = new SettableClock();
    private final LoyaltyEngine engine;
    private long nanos;

    /** A replay on a fresh, empty in-memory store through an engine built on {@code rules}. */
    Replay(RuleSource rules) {
        engine = LoyaltyEngine.builder().store(new InMemoryStore()).rules(rules).clock(clock).build();
    }

    /**
     * The next entry of the log run again; entries must come in the log's order. An entry whose request cannot
     * be rebuilt or routed, or a command that throws, is a result with an error. Nothing of the result is kept
     * here, so a caller that compares and drops results keeps only the store's state, whatever the log's length.
     */
    Result step(CommandLogEntry e) {
        long started = System.nanoTime();
        clock.now = e.recordedAt();
        Outcome outcome = null;
        String error = null;
        try {
            // The engine's own registry runs the logged request as the pipeline ran it (the request a facade
            // built, such as a year-end run with its year and run date, or an import row), under the logged key,
            // actor, permissions and business date.
            outcome = engine.commandLog().rerun(e);
        } catch (LoyaltyException ex) {
            error = ex.code() + ": " + ex.getMessage();
        }
        nanos += System.nanoTime() - started;
        return new Result(e, outcome, error);
    }

    /** The time spent in {@link #step} so far, in seconds. */
    double seconds() {
        return nanos / 1e9;
    }

    /** The clock of a replay (and of explain's): each command reads the instant it was recorded at. */
    static final class SettableClock extends Clock {
        volatile Instant now = Instant.EPOCH;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("a replay's clock is in UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    // ------------------------------------------------------------------ normalised outcomes

    /** A ledger entry as compared: what moved where, by which rule, on which document, date and note. */
    record Movement(AccountKey account, EntryKind kind, BigDecimal amount, String document, String line,
                    LocalDate businessDate, String note, String rule) {
        static Movement of(LedgerEntry e) {
            return new Movement(e.account(), e.kind(), e.amount(), e.document(), e.line(), e.businessDate(), e.note(),
                    e.rule().rule());
        }
    }

    /**
     * An outcome in the form the baseline compares: status, reason codes, rule set, version and rules fired, the
     * entries (without the ledger's sequence numbers, which a log that starts after the store's first command
     * cannot reproduce) and the balances after. Messages are left out (text for people; the codes are the
     * decision), as are hold ids (made up by the store) and the decided time (the clock's, by construction).
     */
    record Normalised(Outcome.Status status, List<String> reasons, String ruleSet, int ruleVersion,
                      List<String> rulesFired, List<Movement> entries, List<Balance> balances) {
        static Normalised of(Outcome o) {
            return new Normalised(o.status(), o.reasonCodes(), o.ruleSet(), o.ruleVersion(), o.rulesFired(),
                    o.entries().stream().map(Movement::of).toList(), o.balances());
        }

        /** The first field that differs from {@code other}'s, described for a report; null when equal. */
        String firstDifference(Normalised other) {
            if (status != other.status) {
                return "status " + status + " was " + other.status;
            }
            if (!reasons.equals(other.reasons)) {
                return "reasons " + reasons + " were " + other.reasons;
            }
            if (!Objects.equals(ruleSet, other.ruleSet) || ruleVersion != other.ruleVersion) {
                return "rule set " + ruleSet + " v" + ruleVersion + " was " + other.ruleSet + " v" + other.ruleVersion;
            }
            if (!rulesFired.equals(other.rulesFired)) {
                return "rules fired " + rulesFired + " were " + other.rulesFired;
            }
            if (!entries.equals(other.entries)) {
                return "entries " + entries + " were " + other.entries;
            }
            if (!balances.equals(other.balances)) {
                return "balances " + balances + " were " + other.balances;
            }
            return null;
        }
    }

    /**
     * How a result of the replay under the recorded versions differs from the log, as a line for the report;
     * null when it reproduces the logged outcome.
     */
    static String baselineDifference(Result r) {
        String why = r.error() != null ? "threw " + r.error()
                : Normalised.of(r.outcome()).firstDifference(Normalised.of(r.entry().outcome()));
        return why == null ? null : describe(r.entry()) + ": " + why;
    }

    static String describe(CommandLogEntry e) {
        return "#" + e.sequence() + " " + e.command() + " key " + e.key().value() + " (tenant " + e.tenant().value()
                + ", " + e.businessDate() + ")";
    }

    /** The tenant a result's accounts belong to, with the account: what the what-if report is per. */
    record TenantAccount(TenantId tenant, AccountKey account) {
    }
}

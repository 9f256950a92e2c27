package org.loyaltyengine;

import java.util.List;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Outcome;

/**
 * What {@link CommandHistory#explain} found for one logged command (SPEC X-11): the command and its payload as
 * logged, each evaluation its re-run made (the rule set and version, the facts the rules were given, the rules
 * that fired in order), the outcome the re-run decided beside the logged one, and whether the two agree.
 *
 * <p>The facts are shown only as far as they are known: {@link #caveats} says, in words for the reader, every
 * reason they may not be the ones the rules saw when the command ran (the re-run decided otherwise, it threw, it
 * evaluated nothing because the store already holds the key's outcome, a fact could only be written as text).
 * An explanation with no caveats is exact.
 *
 * @param entry       the logged command: command name, request type, payload ({@code entry.request()}), actor,
 *                    permissions, business date, recorded time and the logged outcome
 * @param request     the payload as the request record the command received, e.g. an {@code AddItem}
 * @param evaluations the evaluations of the re-run, in the order they ran; empty when no rule ran (a command
 *                    refused for its permission reads nothing and reaches no rule)
 * @param outcome     the outcome the re-run decided; null when it threw or did not run
 * @param reproduced  whether that outcome is the logged one (status, reasons, rule set and version, rules fired,
 *                    ledger movements, balances)
 * @param caveats     why the facts may not be the ones the rules saw; empty when they are
 */
public record Explanation(CommandLogEntry entry, Object request, List<Evaluation> evaluations, Outcome outcome,
                          boolean reproduced, List<String> caveats) {
    public Explanation {
        Checks.notNull(entry, "command log entry");
        evaluations = List.copyOf(evaluations);
        caveats = List.copyOf(caveats);
        if (reproduced && outcome == null) {
            throw new InvalidValueException("an outcome that did not run cannot have reproduced the log");
        }
    }

    /** Whether the facts shown are exactly the ones the rules saw. */
    public boolean exact() {
        return caveats.isEmpty();
    }

    /**
     * One evaluation of a rule set.
     *
     * @param ruleSet    the rule set, e.g. {@code savings-points}
     * @param version    the version in force on the command's business date
     * @param facts      every fact inserted into the session, in insertion order
     * @param rulesFired the rules that fired, in the order they fired
     */
    public record Evaluation(String ruleSet, int version, List<Fact> facts, List<String> rulesFired) {
        public Evaluation {
            facts = List.copyOf(facts);
            rulesFired = List.copyOf(rulesFired);
        }
    }

    /**
     * One fact as the rules were given it.
     *
     * @param type  the fact's class, e.g. {@code PointsSettings}
     * @param value its canonical JSON (docs/command-log.md), or its text when it has none ({@code exact} false)
     * @param exact whether {@code value} is the canonical JSON
     */
    public record Fact(String type, String value, boolean exact) {
    }
}

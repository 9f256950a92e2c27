package org.loyaltyengine.internal;

import java.util.List;

import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.InvalidValueException;

/**
 * A request the rules refused while a command read what it decides on, before anything is written or kept
 * under the request's key: to the host an {@link InvalidValueException} like any other invalid value (code
 * {@code INVALID_VALUE}, the rule's message), so it corrects the request and sends it again under the same
 * key. It names the rules that fired, so a scenario proves which rule refused ({@code expect fired}).
 */
public final class RuleRefusalException extends InvalidValueException {
    private static final long serialVersionUID = 1L;

    private final String ruleSet;
    private final int version;
    private final List<String> rulesFired;

    private RuleRefusalException(String message, String ruleSet, int version, List<String> rulesFired) {
        super(message);
        this.ruleSet = ruleSet;
        this.version = version;
        this.rulesFired = List.copyOf(rulesFired);
    }

    /**
     * Asks {@code rules} about {@code facts} outside any command (no key, nothing written) and throws their
     * first rejection, if they decided one.
     */
    public static void refuseIfRejected(RuleSetRegistry.Compiled rules, List<Object> facts) {
        Decision d = Evaluator.evaluate(rules, facts);
        if (d.isRejected()) {
            throw new RuleRefusalException(d.rejections().get(0).message(), rules.version().ruleSet(),
                    rules.version().version(), d.firedRules());
        }
    }

    public String ruleSet() {
        return ruleSet;
    }

    public int version() {
        return version;
    }

    /** The rules that fired in the evaluation that refused, in firing order. */
    public List<String> rulesFired() {
        return rulesFired;
    }
}

package org.loyaltyengine;

import java.util.List;

import org.loyaltyengine.spi.InvalidValueException;

/**
 * A request the rules refused while a command read what it decides on, before anything is written or kept
 * under the request's key: to the host an {@link InvalidValueException} like any other invalid value (code
 * {@code INVALID_VALUE}, the rule's message), so it corrects the request and sends it again under the same
 * key. It names the rule set, version and the rules that fired, so a scenario proves which rule refused
 * ({@code expect fired}) and a host can log it.
 */
public final class RuleRefusalException extends InvalidValueException {
    private static final long serialVersionUID = 1L;

    private final String ruleSet;
    private final int version;
    private final List<String> rulesFired;

    public RuleRefusalException(String message, String ruleSet, int version, List<String> rulesFired) {
        super(message);
        this.ruleSet = ruleSet;
        this.version = version;
        this.rulesFired = List.copyOf(rulesFired);
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

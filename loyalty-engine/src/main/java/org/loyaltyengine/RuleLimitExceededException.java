package org.loyaltyengine;

import org.loyaltyengine.spi.LoyaltyException;

/**
 * An evaluation fired more rules, or ran longer, than the engine allows
 * ({@link LoyaltyEngine.Builder#maxRuleFirings}, {@link LoyaltyEngine.Builder#maxEvaluationTime}): most
 * likely rules that keep triggering each other. The command is not applied and nothing is written.
 */
public class RuleLimitExceededException extends LoyaltyException {
    private static final long serialVersionUID = 1L;
    private final String ruleSet;
    private final int version;
    private final String rule;

    public RuleLimitExceededException(String ruleSet, int version, String rule, String message) {
        super("RULE_LIMIT_EXCEEDED", message);
        this.ruleSet = ruleSet;
        this.version = version;
        this.rule = rule;
    }

    public String ruleSet() {
        return ruleSet;
    }

    public int version() {
        return version;
    }

    /** The rule that fired most often. */
    public String rule() {
        return rule;
    }
}

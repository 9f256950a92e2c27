package org.loyaltyengine;

import org.loyaltyengine.spi.LoyaltyException;

/**
 * A rule failed while it ran: its consequence threw (a division by zero, a null where a value was
 * expected), or its decision names something the command did not declare (an account it did not lock,
 * a hold that does not exist). The command is not applied and nothing is written; the rule file needs
 * a fix.
 */
public class RuleFailedException extends LoyaltyException {
    private static final long serialVersionUID = 1L;
    private final String ruleSet;
    private final int version;
    private final String rule;

    public RuleFailedException(String ruleSet, int version, String rule, String problem, Throwable cause) {
        super("RULE_FAILED", "rule '" + rule + "' of rule set " + ruleSet + " v" + version + " failed: " + problem,
                cause);
        this.ruleSet = ruleSet;
        this.version = version;
        this.rule = rule;
    }

    public RuleFailedException(String ruleSet, int version, String rule, String problem) {
        this(ruleSet, version, rule, problem, null);
    }

    public String ruleSet() {
        return ruleSet;
    }

    public int version() {
        return version;
    }

    public String rule() {
        return rule;
    }
}

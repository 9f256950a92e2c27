package org.loyaltyengine.spi;

/** Which rule of which rule-set version produced a ledger entry, hold or decision. */
public record RuleRef(String ruleSet, int version, String rule) {
    public RuleRef {
        Checks.text(ruleSet, "rule set");
        if (version < 1) {
            throw new InvalidValueException("rule-set version must be 1 or more, was " + version);
        }
        Checks.text(rule, "rule name");
    }

    @Override
    public String toString() {
        return ruleSet + "/v" + version + ": " + rule;
    }
}

package org.loyaltyengine.spi;

/** Which rule of which rule-set version produced a ledger entry, hold or decision. */
public record RuleRef(String ruleSet, int version, String rule) {
    public RuleRef {
        Checks.identifier(ruleSet, "rule set", Limits.CODE);
        if (version < 1) {
            throw new InvalidValueException("rule-set version must be 1 or more, was " + version);
        }
        Checks.name(rule, "rule name", Limits.NAME);
    }

    @Override
    public String toString() {
        return ruleSet + "/v" + version + ": " + rule;
    }
}

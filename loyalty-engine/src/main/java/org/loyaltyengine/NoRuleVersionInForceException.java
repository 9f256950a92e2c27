package org.loyaltyengine;

import java.time.LocalDate;

import org.loyaltyengine.spi.LoyaltyException;

/** No version of a rule set is in force on the command's business date (or the rule set is missing). */
public class NoRuleVersionInForceException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    public NoRuleVersionInForceException(String ruleSet, LocalDate date) {
        super("NO_RULE_VERSION_IN_FORCE", "no version of rule set '" + ruleSet + "' is in force on " + date
                + "; add rules/" + ruleSet + "/v<N>/ruleset.properties with an effective-from on or before it");
    }
}

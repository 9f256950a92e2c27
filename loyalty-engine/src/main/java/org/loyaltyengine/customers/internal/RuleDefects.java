package org.loyaltyengine.customers.internal;

import java.time.LocalDate;

import org.loyaltyengine.RuleFailedException;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.rules.facts.Decision;

/**
 * A decision of the {@code customers} rules that what the command read cannot carry out (create a
 * customer under a number that is held, update one nobody holds): the rule set in force is wrong, and
 * the command says so with the version and rules that decided, rather than write around it.
 */
final class RuleDefects {
    private RuleDefects() {
    }

    static RuleFailedException impossible(RuleSetRegistry rules, LocalDate businessDate, Decision decision,
                                          String problem) {
        return new RuleFailedException(Customers.PROGRAM, rules.versionInForce(Customers.PROGRAM, businessDate)
                .version(), String.join(", ", decision.firedRules()), problem);
    }
}

package org.loyaltyengine.internal;

import java.util.List;

import org.loyaltyengine.RuleRefusalException;
import org.loyaltyengine.rules.facts.Decision;

/** Asks the rules about a request while a command reads its context, outside any command's evaluation. */
public final class RuleRefusals {
    private RuleRefusals() {
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
}

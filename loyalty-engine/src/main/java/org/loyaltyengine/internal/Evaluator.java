package org.loyaltyengine.internal;

import java.util.ArrayList;
import java.util.List;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.StatelessKieSession;
import org.loyaltyengine.rules.facts.Decision;

/**
 * Runs one evaluation: a fresh stateless session over the compiled rule set, the facts plus a new
 * {@link Decision}, and a listener that tells the decision which rule is firing.
 *
 * <p>Per-call state travels in the inserted decision, never in session globals: a global set on a
 * session shared between calls applies to every later call on every thread.
 */
public final class Evaluator {
    private Evaluator() {
    }

    public static Decision evaluate(RuleSetRegistry.Compiled ruleSet, List<Object> facts) {
        Decision decision = new Decision();
        StatelessKieSession session = ruleSet.kieBase().newStatelessKieSession();
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                decision.enterRule(event.getMatch().getRule().getName());
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                decision.exitRule();
            }
        });
        List<Object> all = new ArrayList<>(facts.size() + 1);
        all.addAll(facts);
        all.add(decision);
        session.execute(all);
        return decision;
    }
}

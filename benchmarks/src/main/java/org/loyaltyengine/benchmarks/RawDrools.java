package org.loyaltyengine.benchmarks;

import java.util.ArrayList;
import java.util.List;

import org.kie.api.KieBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.StatelessKieSession;
import org.loyaltyengine.rules.facts.Decision;

/**
 * The raw Drools baseline: the plain Drools API doing what the engine's evaluator did before it pooled its
 * sessions, and nothing more. A new stateless session of the compiled KieBase, an agenda listener that tells
 * the decision which rule is firing (so that the decision records the fired rules as the engine's does), and
 * one {@code execute} of the facts plus a new {@link Decision}. No limits, no watchdog, no pool.
 *
 * <p>It uses only the Drools API and the fact model, so the same file compiles in earlier builds of the
 * engine: {@code benchmarks/compare-before-after.sh} copies it into the build it compares against, and
 * "raw Drools" is the same evaluation on both sides.
 */
final class RawDrools {
    private RawDrools() {
    }

    static Decision evaluate(KieBase kieBase, List<Object> facts) {
        StatelessKieSession session = kieBase.newStatelessKieSession();
        Decision decision = new Decision();
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

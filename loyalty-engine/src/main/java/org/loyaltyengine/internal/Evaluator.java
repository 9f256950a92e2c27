package org.loyaltyengine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.loyaltyengine.RuleFailedException;
import org.loyaltyengine.RuleLimitExceededException;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.LoyaltyException;

/**
 * Runs one evaluation: a fresh stateless session over the compiled rule set, the facts plus a new
 * {@link Decision}, and a listener that tells the decision which rule is firing and keeps the
 * evaluation within its {@link EvaluationLimits}.
 *
 * <p>Per-call state travels in the inserted decision, never in session globals: a global set on a
 * session shared between calls applies to every later call on every thread.
 *
 * <p>Everything a rule can throw leaves as a {@link LoyaltyException}: a limit as
 * {@link RuleLimitExceededException}, a failing rule as {@link RuleFailedException}. Both are thrown
 * inside the command's transaction, before anything is applied, so the store rolls back.
 */
public final class Evaluator {
    private Evaluator() {
    }

    /** Thrown from the agenda listener to stop the session; never leaves this class. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String why;

        Stop(String why) {
            super(why, null, false, false);
            this.why = why;
        }
    }

    public static Decision evaluate(RuleSetRegistry.Compiled ruleSet, List<Object> facts) {
        Decision decision = new Decision();
        EvaluationLimits limits = ruleSet.limits();
        String set = ruleSet.version().ruleSet();
        int version = ruleSet.version().version();
        StatelessKieSession session = ruleSet.kieBase().newStatelessKieSession();
        Map<String, long[]> firings = new HashMap<>();
        long[] total = new long[1];
        long started = System.nanoTime();
        long maxNanos = limits.maxEvaluationTime().toNanos();
        String[] current = new String[1];
        session.addEventListener(new DefaultAgendaEventListener() {
            @Override
            public void beforeMatchFired(BeforeMatchFiredEvent event) {
                String rule = event.getMatch().getRule().getName();
                current[0] = rule;
                firings.computeIfAbsent(rule, k -> new long[1])[0]++;
                if (++total[0] > limits.maxRuleFirings()) {
                    throw new Stop("fired more than " + limits.maxRuleFirings() + " rules");
                }
                if (System.nanoTime() - started >= maxNanos) {
                    throw new Stop("ran longer than " + limits.maxEvaluationTime());
                }
                decision.enterRule(rule);
            }

            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                decision.exitRule();
                current[0] = null;
            }
        });
        List<Object> all = new ArrayList<>(facts.size() + 1);
        all.addAll(facts);
        all.add(decision);
        try {
            session.execute(all);
        } catch (RuntimeException e) {
            Stop stop = find(e, Stop.class);
            if (stop != null) {
                String most = firings.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> Long.compare(a[0], b[0])))
                        .map(Map.Entry::getKey).orElse("(none)");
                throw new RuleLimitExceededException(set, version, most, "rule set " + set + " v" + version
                        + " stopped: the evaluation " + stop.why + " (" + total[0] + " firings so far); rule '" + most
                        + "' fired most (" + firings.getOrDefault(most, new long[1])[0] + " times). Rules that keep "
                        + "triggering each other never end; nothing was applied");
            }
            LoyaltyException typed = find(e, LoyaltyException.class);
            if (typed != null) {
                throw typed;
            }
            String rule = e instanceof ConsequenceException ce && ce.getMatch() != null
                    ? ce.getMatch().getRule().getName() : current[0] != null ? current[0] : conditionOf(e);
            Throwable root = rootCause(e);
            throw new RuleFailedException(set, version, rule, root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("")), root);
        }
        return decision;
    }

    /** The rule whose condition failed, as Drools names it in the message ("... in [Rule "x" in file]"). */
    private static String conditionOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            java.util.regex.Matcher m = RULE_IN_MESSAGE.matcher(String.valueOf(t.getMessage()));
            if (m.find()) {
                return m.group(1);
            }
        }
        return "(a condition)";
    }

    private static final java.util.regex.Pattern RULE_IN_MESSAGE = java.util.regex.Pattern.compile("Rule \"([^\"]+)\"");

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}

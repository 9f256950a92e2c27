package org.loyaltyengine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

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
        Watch watch = new Watch(Thread.currentThread(), started + maxNanos);
        Throwable failure = null;
        try {
            WATCHED.add(watch);
            // Armed only now: a stop must never land in the watchdog's own bookkeeping.
            if (watch.arm()) {
                try {
                    session.execute(all);
                } finally {
                    if (watch.finish()) {
                        watch.awaitStop();
                    }
                }
            }
            WATCHED.remove(watch);
        } catch (Throwable e) {
            WATCHED.remove(watch);
            failure = e;
        }
        if (watch.timedOut()) {
            // Stopped inside one consequence or condition, where the check between firings never came.
            String rule = current[0] != null ? current[0] : total[0] == 0 ? "(none)" : "(a condition)";
            throw new RuleLimitExceededException(set, version, rule, "rule set " + set + " v" + version
                    + " stopped: the evaluation ran longer than " + limits.maxEvaluationTime() + " inside rule '" + rule
                    + "' (" + total[0] + " firings so far); nothing was applied");
        }
        Throwable exhausted = find(failure, OutOfMemoryError.class);
        if (exhausted == null) {
            exhausted = find(failure, StackOverflowError.class);
        }
        if (exhausted != null) {
            failure = exhausted;
            // A rule asked for more memory or stack than the JVM has (a string past the largest array,
            // a number of a billion digits): it exhausted the evaluation's resources; no Error for the host.
            String rule = current[0] != null ? current[0] : conditionOf(failure);
            throw new RuleLimitExceededException(set, version, rule, "rule set " + set + " v" + version
                    + " stopped: rule '" + rule + "' ran out of " + (failure instanceof OutOfMemoryError ? "memory"
                    : "stack") + " (" + failure.getClass().getSimpleName() + (failure.getMessage() == null ? ""
                    : ": " + failure.getMessage()) + "); nothing was applied");
        }
        if (failure instanceof VirtualMachineError || failure instanceof ThreadDeath) {
            throw (Error) failure;
        }
        if (failure != null) {
            Throwable e = failure;
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

    /** The evaluations running now; the watchdog looks at them every {@link #WATCH_INTERVAL_MILLIS}. */
    private static final Set<Watch> WATCHED = ConcurrentHashMap.newKeySet();
    private static final long WATCH_INTERVAL_MILLIS = 20;

    static {
        // One daemon thread for every engine in the JVM. It polls rather than being woken per
        // evaluation: an evaluation costs some 20 us, and a timer per evaluation would wake a thread
        // each time; a set insert and remove cost a fraction of that. A deadline is met within the interval.
        Thread watchdog = new Thread(Evaluator::watch, "loyalty-rule-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static void watch() {
        while (true) {
            try {
                Thread.sleep(WATCH_INTERVAL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            for (Watch w : WATCHED) {
                if (now - w.deadline >= 0) {
                    try {
                        w.timeUp();
                    } catch (RuntimeException e) {
                        // Keep watching the others: one evaluation the JVM would not stop must not end the watch.
                    }
                }
            }
        }
    }

    /**
     * The deadline of one evaluation. The listener's check between firings cannot stop a consequence
     * that never returns (a power with a huge exponent, loops nested over large collections) and holds
     * the tenant's locks meanwhile; at the deadline the watchdog stops the evaluating thread
     * ({@link Thread#stop()}, which Java 17 still supports), while it is inside {@code session.execute}
     * and nowhere else: both sides change the state under this object's monitor, and the evaluating
     * thread does not leave {@link Evaluator#evaluate} before the stop it was sent has reached it. What
     * it interrupts is the rule engine working on facts and a decision no one else sees; the command's
     * transaction then rolls back. Where the JVM no longer stops threads, the evaluation runs to its end
     * and is then refused as too long, all the same.
     */
    private static final class Watch {
        private static final int RUNNING = 0;
        private static final int DONE = 1;
        private static final int STOPPING = 2;
        private static final int LATE = 3;
        private static final int ARMING = 4;
        private final Thread thread;
        private final long deadline;
        private int state = ARMING;

        Watch(Thread thread, long deadline) {
            this.thread = thread;
            this.deadline = deadline;
        }

        /** On the evaluating thread, just before the session runs: false if the deadline passed already. */
        synchronized boolean arm() {
            if (state == ARMING) {
                state = RUNNING;
                return true;
            }
            return false;
        }

        /** On the watchdog's thread, at the deadline. */
        @SuppressWarnings({"deprecation", "removal"})
        synchronized void timeUp() {
            if (state == ARMING) {
                state = LATE;
                return;
            }
            if (state != RUNNING) {
                return;
            }
            try {
                thread.stop();
                state = STOPPING;
            } catch (UnsupportedOperationException | SecurityException e) {
                state = LATE;
            }
        }

        /** On the evaluating thread, when the session returned or threw: true if a stop is on its way. */
        synchronized boolean finish() {
            if (state == RUNNING) {
                state = DONE;
            }
            return state == STOPPING;
        }

        /** Waits for the stop sent to this thread to arrive (it does at the next safepoint, within microseconds). */
        void awaitStop() {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (System.nanoTime() < until) {
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        synchronized boolean timedOut() {
            return state == STOPPING || state == LATE;
        }
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

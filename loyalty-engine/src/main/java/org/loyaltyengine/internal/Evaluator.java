package org.loyaltyengine.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.AgendaEventListener;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.loyaltyengine.RuleFailedException;
import org.loyaltyengine.RuleLimitExceededException;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.LoyaltyException;

/**
 * Runs one evaluation: a session of the compiled rule set's {@link SessionPool}, the facts plus a new
 * {@link Decision} inserted and every rule fired, and a listener that tells the decision which rule is
 * firing and keeps the evaluation within its {@link EvaluationLimits}. The session goes back to the pool
 * (reset) only when the evaluation ended normally; otherwise it is discarded.
 *
 * <p>Per-call state travels in the inserted decision and in the listener of this call (removed before the
 * session goes back), never in session globals: a global set on a session reused between calls would apply
 * to later calls.
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
        // Written before the rules run, so what is shown is what they were given (CommandHistory.explain).
        List<EvaluationRecorder.Seen> seen = EvaluationRecorder.snapshot(facts);
        EvaluationLimits limits = ruleSet.limits();
        String set = ruleSet.version().ruleSet();
        int version = ruleSet.version().version();
        Map<String, long[]> firings = new HashMap<>();
        long[] total = new long[1];
        long started = System.nanoTime();
        long maxNanos = limits.maxEvaluationTime().toNanos();
        String[] current = new String[1];
        AgendaEventListener listener = new DefaultAgendaEventListener() {
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
        };
        SessionPool sessions = ruleSet.sessions();
        // Taken and handed back outside the watched stretch: a stop must never land in the pool's bookkeeping.
        KieSession session = sessions.take();
        Watch watch = new Watch(Thread.currentThread(), started + maxNanos);
        Throwable failure = null;
        try {
            session.addEventListener(listener);
            WATCHED.add(watch);
            // Armed only now: a stop must never land in the watchdog's own bookkeeping.
            if (watch.arm()) {
                try {
                    // What StatelessKieSession.execute(facts) does, in a session of the pool.
                    for (Object fact : facts) {
                        session.insert(fact);
                    }
                    session.insert(decision);
                    session.fireAllRules();
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
        if (failure == null && !watch.timedOut()) {
            // Drools' reset clears the listeners too; removed here so that no path depends on it.
            session.removeEventListener(listener);
            sessions.release(session);
        } else {
            // Whatever the rule, the limit, the watchdog or the Error interrupted is left in this session.
            sessions.discard(session);
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
        EvaluationRecorder.evaluated(set, version, seen, decision.firedRules());
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
     * ({@link Thread#stop()}, which Java 17 still supports), while it inserts the facts and fires the
     * rules and nowhere else (not while it takes a session from the pool or hands one back): both sides
     * change the state under this object's monitor, and the evaluating thread does not leave
     * {@link Evaluator#evaluate} before the stop it was sent has reached it. What it interrupts is the rule
     * engine working on facts and a decision no one else sees, in a session that is then discarded, never
     * reused; the command's transaction then rolls back. Where the JVM no longer stops threads, the
     * evaluation runs to its end and is then refused as too long, all the same.
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

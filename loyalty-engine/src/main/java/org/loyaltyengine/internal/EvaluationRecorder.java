package org.loyaltyengine.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Keeps what each evaluation on this thread saw, while {@link #recording} runs: the rule set and version, the
 * facts as they were inserted (written as canonical JSON before the rules ran, so that nothing a rule does to
 * them afterwards shows), and the rules that fired in order. {@code CommandHistory.explain} is its one user;
 * outside it the cost is one thread-local read per evaluation.
 *
 * <p>A thread-local rather than a parameter: the evaluations of one command happen deep inside its program
 * (a points booking evaluates once per command, an import once per row, a customer's creation once more for
 * each program that enrols it), on the caller's thread, and none of those paths should know about explaining.
 */
public final class EvaluationRecorder {
    /** One fact as the rules received it: its class's simple name and its canonical JSON (or text, see exact). */
    public record Seen(String type, String json, boolean exact) {
    }

    /** One evaluation: the version that ran, the facts it saw, the rules that fired in the order they fired. */
    public record Evaluation(String ruleSet, int version, List<Seen> facts, List<String> rulesFired) {
        public Evaluation {
            facts = List.copyOf(facts);
            rulesFired = List.copyOf(rulesFired);
        }
    }

    private static final ThreadLocal<List<Evaluation>> RECORDING = new ThreadLocal<>();

    private EvaluationRecorder() {
    }

    /** Runs {@code work} and returns its result with every evaluation it made on this thread, in order. */
    public static <T> Recorded<T> recording(Supplier<T> work) {
        List<Evaluation> previous = RECORDING.get();
        List<Evaluation> seen = new ArrayList<>();
        RECORDING.set(seen);
        try {
            return new Recorded<>(work.get(), List.copyOf(seen));
        } finally {
            if (previous == null) {
                RECORDING.remove();
            } else {
                RECORDING.set(previous);
            }
        }
    }

    /** What {@link #recording} returns. */
    public record Recorded<T>(T result, List<Evaluation> evaluations) {
    }

    /** The facts as written now, when recording; null when not (nothing is written then). */
    static List<Seen> snapshot(List<Object> facts) {
        if (RECORDING.get() == null) {
            return null;
        }
        List<Seen> seen = new ArrayList<>(facts.size());
        for (Object fact : facts) {
            String type = fact == null ? "null" : fact.getClass().getSimpleName();
            try {
                seen.add(new Seen(type, CanonicalJson.write(fact), true));
            } catch (RuntimeException notJson) {
                // A fact the canonical form cannot write is shown as its text, and said to be so.
                seen.add(new Seen(type, String.valueOf(fact), false));
            }
        }
        return seen;
    }

    /** Records an evaluation that ended normally (one that threw decided nothing). */
    static void evaluated(String ruleSet, int version, List<Seen> facts, List<String> fired) {
        List<Evaluation> seen = RECORDING.get();
        if (seen != null && facts != null) {
            seen.add(new Evaluation(ruleSet, version, facts, fired));
        }
    }
}

package org.loyaltyengine.scenarios;

import java.util.List;

/**
 * The result of one scenario case: where it is (the file, and the line of its first failing step, or of its
 * {@code scenario:} line when it passed), its title, and the first failing step (null when it passed).
 *
 * @param rulesFired the rules the last command before the failure fired (of a refusal by the rules, the rules
 *                   that refused), so that a failure shows what decided instead of what was expected; empty
 *                   when the case passed or no command ran
 */
public record ScenarioResult(String file, int line, String title, String failure, List<String> rulesFired) {
    public ScenarioResult {
        rulesFired = List.copyOf(rulesFired);
    }

    /** A result that names no rules fired. */
    public ScenarioResult(String file, int line, String title, String failure) {
        this(file, line, title, failure, List.of());
    }

    public boolean passed() {
        return failure == null;
    }

    @Override
    public String toString() {
        return file + ":" + line + " \"" + title + "\" " + (passed() ? "passed" : "FAILED: " + failure
                + (rulesFired.isEmpty() ? "" : " (rules fired: " + rulesFired + ")"));
    }
}

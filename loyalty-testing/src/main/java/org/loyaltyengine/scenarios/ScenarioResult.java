package org.loyaltyengine.scenarios;

/** The result of one scenario case: where it is, its title, and the first failing step (null when it passed). */
public record ScenarioResult(String file, int line, String title, String failure) {
    public boolean passed() {
        return failure == null;
    }

    @Override
    public String toString() {
        return file + ":" + line + " \"" + title + "\" " + (passed() ? "passed" : "FAILED: " + failure);
    }
}

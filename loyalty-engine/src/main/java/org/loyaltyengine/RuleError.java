package org.loyaltyengine;

/** One problem in a rule file: the file (relative to the rule source), the line (0 if unknown) and the message. */
public record RuleError(String file, int line, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}

package org.loyaltyengine;

import java.util.List;

/**
 * A rule file uses something rule files may not use (a type outside the fact model and the value types,
 * reflection, the file system, processes, threads, globals...). Rule files are policy, written by
 * analysts and loaded from a folder; the engine refuses to compile, let alone run, one that could reach
 * outside its facts. Each error names file, line and what was refused; the allowlist is in
 * docs/architecture.md ("Rules").
 */
public class UnsafeRuleException extends RuleCompilationException {
    private static final long serialVersionUID = 1L;

    public UnsafeRuleException(String ruleSet, int version, List<RuleError> errors) {
        super("RULE_UNSAFE", "rule set " + ruleSet + " v" + version
                + " is refused: it uses what a rule file may not use", errors);
    }
}

package org.loyaltyengine;

import java.util.List;
import java.util.stream.Collectors;

import org.loyaltyengine.spi.LoyaltyException;

/** A rule-set version does not compile, or its folder is malformed. Each error names file and line. */
public class RuleCompilationException extends LoyaltyException {
    private static final long serialVersionUID = 1L;
    private final List<RuleError> errors;

    public RuleCompilationException(String ruleSet, int version, List<RuleError> errors) {
        this("RULE_COMPILATION_FAILED", "rule set " + ruleSet + " v" + version + " does not compile", errors);
    }

    /** For refusals of a more specific kind (see {@link UnsafeRuleException}), with their own code. */
    protected RuleCompilationException(String code, String summary, List<RuleError> errors) {
        super(code, summary + ":\n" + errors.stream().map(RuleError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<RuleError> errors() {
        return errors;
    }
}

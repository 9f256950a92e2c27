package org.loyaltyengine;

import java.util.List;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;

/**
 * One version of a rule set as {@link RuleSource#describe()} found and compiled it.
 *
 * @param version  its manifest (effective-from, description, setting defaults) and files
 * @param rules    the names of its rules, sorted; empty when it does not compile
 * @param problems why it does not compile, each with file, line and message: syntax errors, what the
 *                 allowlist of rule files refuses (the errors an {@link UnsafeRuleException} names), and
 *                 what Drools refuses; empty when it compiles
 */
public record RuleVersionDescription(RuleSetVersion version, List<String> rules, List<RuleError> problems) {
    public RuleVersionDescription {
        Checks.notNull(version, "rule set version");
        String of = " of " + version.folder();
        rules = Checks.list(Checks.notNull(rules, "rules" + of), "rules" + of).stream()
                .map(r -> Checks.text(r, "rule name" + of)).sorted().toList();
        problems = Checks.list(Checks.notNull(problems, "problems" + of), "problems" + of);
        if (!problems.isEmpty() && !rules.isEmpty()) {
            throw new InvalidValueException(version.folder() + " names rules and problems: a version that does not"
                    + " compile has no rules to name");
        }
    }

    /** Whether the version compiles: it has no problem. */
    public boolean compiles() {
        return problems.isEmpty();
    }
}

package org.loyaltyengine;

import java.util.ArrayList;
import java.util.List;

import org.loyaltyengine.spi.Checks;

/**
 * What a rule source holds, compiled as an engine compiles it ({@link RuleSource#describe()}): every
 * version found, with the names of its rules, and every problem as data instead of as the first
 * exception, so that a tool can report them all (a check of an analysts' rule folder before it is
 * deployed, the scenario runner's list of the rules no scenario names).
 *
 * @param source   where the rules were read from, as {@link RuleSource#toString()} names it
 * @param versions every version found, by rule set, then effective date; empty when {@code problems} says
 *                 the folder could not be read as versions
 * @param problems what keeps the source from being read as versions at all: a rule file outside any
 *                 version folder, a manifest without an effective-from date, two versions of a set in force
 *                 from one day. A version's own syntax, safety and compile errors are in its
 *                 {@link RuleVersionDescription#problems()}.
 */
public record RuleSourceDescription(String source, List<RuleVersionDescription> versions, List<RuleError> problems) {
    public RuleSourceDescription {
        Checks.text(source, "rule source");
        versions = Checks.list(Checks.notNull(versions, "versions of " + source), "versions of " + source);
        problems = Checks.list(Checks.notNull(problems, "problems of " + source), "problems of " + source);
    }

    /**
     * Whether an engine on this source would compile every version: no problem in the source nor in any
     * version. A source without any version compiles, trivially; a tool that expects rules checks
     * {@link #versions()} too.
     */
    public boolean compiles() {
        return allProblems().isEmpty();
    }

    /** The source's problems, then each version's, in the order of {@link #versions()}. */
    public List<RuleError> allProblems() {
        List<RuleError> all = new ArrayList<>(problems);
        versions.forEach(v -> all.addAll(v.problems()));
        return List.copyOf(all);
    }
}

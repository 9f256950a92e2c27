package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/loyalty verify} and {@code test} on the broken rule folders under
 * {@code src/test/resources/broken}: each folder is a small pos-card rule set (the manual changes of the
 * shipped v1) with one problem planted on a known line, and the tool names that file and line and exits 1.
 * Every folder is run once, as a process, before the tests look at the output.
 */
@Tag("X-11")
class BrokenRuleFoldersTest {
    private static final Map<String, Loyalty.Run> RUNS = new HashMap<>();

    @BeforeAll
    static void runTheTool() {
        List<List<String>> runs = List.of(
                List.of("verify", "syntax-error"),
                List.of("verify", "unknown-property"),
                List.of("verify", "unsafe-call"),
                List.of("verify", "missing-manifest"),
                List.of("verify", "effective-from-order"),
                List.of("verify", "description-missing"),
                List.of("verify", "rule-without-scenario"),
                List.of("verify", "unknown-rule-named"),
                List.of("test", "failing-scenario"),
                List.of("test", "unsafe-call"),
                List.of("test", "effective-from-order", "--version", "v2"),
                List.of("test", "missing-manifest", "--set", "pos-card", "--version", "v3"));
        List<Loyalty.Run> done = Loyalty.runAll(Loyalty.BROKEN, runs);
        for (int i = 0; i < runs.size(); i++) {
            RUNS.put(String.join(" ", runs.get(i)), done.get(i));
        }
    }

    private static Loyalty.Run run(String command) {
        return RUNS.get(command);
    }

    /** Exit 1, exactly {@code lines} on standard output, nothing on standard error. */
    private static void problems(String command, String... lines) {
        Loyalty.Run run = run(command);
        assertEquals(List.of(lines), run.out(), run::describe);
        assertEquals(List.of(), run.err(), run::describe);
        assertEquals(1, run.exit(), run::describe);
    }

    @Test
    void verify_syntaxError_namesTheLineDroolsStoppedAt() {
        // Line 11 ends its pattern with a comma and no constraint after it.
        Loyalty.Run run = run("verify syntax-error");
        assertEquals(2, run.out().size(), run::describe);
        assertTrue(run.out().get(0).startsWith("syntax-error/pos-card/v1/manual.drl:11: [ERR 101] Line 11:45 "),
                run::describe);
        assertTrue(run.out().get(0).endsWith(" in rule \"manual top-up\""), run::describe);
        assertEquals("verify syntax-error: 1 rule set, 1 version, 0 rules: 1 problem", run.out().get(1));
        assertEquals(1, run.exit(), run::describe);
    }

    @Test
    void verify_unknownFactProperty_namesItsLine() {
        problems("verify unknown-property",
                "unknown-property/pos-card/v1/manual.drl:20: 'balanceOnCard' is not a binding, local variable or"
                        + " property of org.loyaltyengine.rules.facts.PosCard",
                "verify unknown-property: 1 rule set, 1 version, 0 rules: 1 problem");
    }

    @Test
    void verify_unsafeCall_namesTheLineOfTheCall() {
        problems("verify unsafe-call",
                "unsafe-call/pos-card/v1/manual.drl:23: calling exit() is not allowed in a rule file",
                "verify unsafe-call: 1 rule set, 1 version, 0 rules: 1 problem");
    }

    @Test
    void verify_missingManifest_namesTheVersionFolder() {
        // v1 is whole and compiles (3 rules); v2 has rules and scenarios but no ruleset.properties.
        problems("verify missing-manifest",
                "missing-manifest/pos-card/v2: ruleset.properties is missing; every version folder needs one, with"
                        + " effective-from=yyyy-mm-dd and description=what the version changes",
                "verify missing-manifest: 1 rule set, 2 versions, 3 rules: 1 problem");
    }

    @Test
    void verify_effectiveFromBeforeThePreviousVersion_namesTheManifestLine() {
        // v2's manifest: a comment on line 1, effective-from=2019-06-01 on line 2; v1 is from 2020-01-01.
        problems("verify effective-from-order",
                "effective-from-order/pos-card/v2/ruleset.properties:2: effective-from 2019-06-01 is not later than"
                        + " v1's (2020-01-01); a new version takes effect after the one before it",
                "verify effective-from-order: 1 rule set, 2 versions, 6 rules: 1 problem");
    }

    @Test
    void verify_descriptionMissingOrEmpty_namesTheManifest() {
        // v1's manifest has no description line; v2's has "description=" on line 3.
        problems("verify description-missing",
                "description-missing/pos-card/v1/ruleset.properties: description is missing; add"
                        + " description=what the version decides or changes",
                "description-missing/pos-card/v2/ruleset.properties:3: description is empty; say what the version"
                        + " decides or changes",
                "verify description-missing: 1 rule set, 2 versions, 6 rules: 2 problems");
    }

    @Test
    void verify_ruleNamedByNoScenario_namesTheLineThatDeclaresIt() {
        // The scenario of the refused deduction is gone; manual.drl declares that rule on line 26.
        problems("verify rule-without-scenario",
                "rule-without-scenario/pos-card/v1/manual.drl:26: rule \"a manual deduction cannot go below zero\""
                        + " is named by no scenario; prove it with an 'expect fired \"a manual deduction cannot go"
                        + " below zero\"' step in pos-card/v1/scenarios",
                "verify rule-without-scenario: 1 rule set, 1 version, 3 rules: 1 problem");
    }

    @Test
    void verify_scenarioNamingARuleTheVersionDoesNotHave_namesTheStep() {
        // Line 9 names "manual deduction" and the misspelt "manual deductoin"; every real rule is named.
        problems("verify unknown-rule-named",
                "unknown-rule-named/pos-card/v1/scenarios/manual.scenario:9: 'expect fired' names rule \"manual"
                        + " deductoin\", which pos-card/v1 does not have",
                "verify unknown-rule-named: 1 rule set, 1 version, 3 rules: 1 problem");
    }

    @Test
    void test_failingScenario_showsExpectedActualAndTheRulesThatFired() {
        // Line 16 deducts exactly the 10.00 on the card, which is allowed; line 17 expects a refusal.
        problems("test failing-scenario",
                "PASS failing-scenario/pos-card/v1/scenarios/manual.scenario:3: manual top-up then deduction",
                "FAIL failing-scenario/pos-card/v1/scenarios/manual.scenario:17: a deduction below zero is refused",
                "     expected rejected INSUFFICIENT_CREDIT, was applied",
                "     rules fired: \"manual deduction\"",
                "test failing-scenario: 2 scenarios in 1 version: 1 passed, 1 failed");
    }

    @Test
    void test_versionThatDoesNotCompile_saysSoOnceWithTheProblem() {
        problems("test unsafe-call",
                "unsafe-call/pos-card/v1/manual.drl:23: calling exit() is not allowed in a rule file",
                "FAIL unsafe-call/pos-card/v1: the version does not compile, so none of its 2 scenarios can run"
                        + " (see 'loyalty verify')",
                "test unsafe-call: 0 scenarios in 1 version: 0 passed, 0 failed, 1 version cannot run");
    }

    @Test
    void test_oneVersion_runsOnlyItsScenarios() {
        // v2's effective-from is out of order (a problem for verify), but the version itself runs.
        Loyalty.Run run = run("test effective-from-order --version v2");
        assertEquals(List.of(
                "PASS effective-from-order/pos-card/v2/scenarios/manual.scenario:3: manual top-up then deduction",
                "PASS effective-from-order/pos-card/v2/scenarios/manual.scenario:12: a deduction below zero is refused",
                "test effective-from-order: 2 scenarios in 1 version: 2 passed, 0 failed"), run.out(), run::describe);
        assertEquals(0, run.exit(), run::describe);
    }

    @Test
    void test_versionThatIsNotThere_isAUsageError() {
        Loyalty.Run run = run("test missing-manifest --set pos-card --version v3");
        assertEquals(2, run.exit(), run::describe);
        assertEquals("no version v3 in missing-manifest/pos-card; it has [pos-card/v1, pos-card/v2]", run.err().get(0),
                run::describe);
        assertEquals(List.of(), run.out(), run::describe);
    }
}

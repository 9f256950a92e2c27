package org.loyaltyengine.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;

/**
 * Every scenario file beside every packaged rule-set version, discovered and run by the build
 * (SPEC X-11): one dynamic test per case, plus the check that each rule file has at least one
 * accepted and one rejected case.
 */
@Tag("X-11")
class RuleScenariosTest {
    private static final RuleSource RULES = RuleSource.defaults();

    @TestFactory
    Stream<DynamicTest> everyScenarioPasses() {
        ScenarioRunner runner = new ScenarioRunner();
        List<RuleSetVersion> versions = LoyaltyEngine.builder().rules(RULES).build().ruleSets();
        assertFalse(versions.isEmpty(), "no rule sets packaged");
        return versions.stream().flatMap(v -> runner.run(RULES, v).stream()).map(r -> DynamicTest.dynamicTest(
                r.file() + ": " + r.title(), () -> assertTrue(r.passed(), r::toString)));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleOfEveryVersionIsNamedByAScenario() {
        ScenarioRunner runner = new ScenarioRunner();
        List<RuleSetVersion> versions = LoyaltyEngine.builder().rules(RULES).build().ruleSets();
        return versions.stream().map(v -> DynamicTest.dynamicTest(v.folder(), () -> assertEquals(List.of(),
                runner.rulesNamedByNoScenario(RULES, v), v.folder() + ": rules no 'expect fired' line names")));
    }

    @TestFactory
    Stream<DynamicTest> everyRuleFileHasAnAcceptedAndARejectedCase() {
        List<RuleSetVersion> versions = LoyaltyEngine.builder().rules(RULES).build().ruleSets();
        return versions.stream().flatMap(v -> v.drlFiles().stream().map(drl -> DynamicTest.dynamicTest(drl, () -> {
            String base = drl.substring(drl.lastIndexOf('/') + 1).replace(".drl", ".scenario");
            String scenario = v.folder() + "/scenarios/" + base;
            String text = RULES.files().get(scenario);
            assertTrue(text != null, "no " + scenario + " beside " + drl);
            assertTrue(text.contains("expect applied") || text.contains("expect fired"), scenario + " has no accepted case");
            assertTrue(text.contains("expect rejected") || text.contains("expect error"), scenario + " has no rejected case");
        })));
    }
}

package org.loyaltyengine.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;

/**
 * What a tool shows of a scenario beyond pass or fail (SPEC X-11, {@code bin/loyalty test} and {@code verify}):
 * the rules the last command fired when a case fails, and the rules the scenarios name, read without
 * compiling the version.
 */
@Tag("X-11")
class ScenarioFailureDetailTest {
    @Test
    void aFailingCase_carriesTheRulesItsLastCommandFired(@TempDir Path rules) throws IOException {
        // The second opening of R1 is refused by "a receipt id is used once"; line 4 expects it applied.
        RuleSource source = ScenarioExpectationsTest.posWith(rules, """
                scenario: opening twice
                openReceipt receipt=R1
                openReceipt receipt=R1
                expect applied
                """);

        List<ScenarioResult> results = new ScenarioRunner().runAll(source);

        assertEquals(1, results.size(), results::toString);
        ScenarioResult r = results.get(0);
        assertFalse(r.passed(), r::toString);
        assertEquals(4, r.line(), r::toString);
        assertTrue(r.failure().startsWith("line 4: expected applied, was rejected "), r::toString);
        assertEquals(List.of("a receipt id is used once"), r.rulesFired(), r::toString);
    }

    @Test
    void aPassingCase_namesNoRulesFired(@TempDir Path rules) throws IOException {
        RuleSource source = ScenarioExpectationsTest.posWith(rules, """
                scenario: opening once
                openReceipt receipt=R1
                expect applied
                """);

        ScenarioResult r = new ScenarioRunner().runAll(source).get(0);

        assertTrue(r.passed(), r::toString);
        assertEquals(List.of(), r.rulesFired());
    }

    @Test
    void rulesNamed_readsTheExpectFiredLinesWithoutCompiling(@TempDir Path rules) throws IOException {
        Path v1 = rules.resolve("pos-card/v1");
        Files.createDirectories(v1.resolve("scenarios"));
        Files.writeString(v1.resolve("ruleset.properties"), "effective-from=2020-01-01\n");
        // Not DRL at all: a compile would fail, and the names are read all the same.
        Files.writeString(v1.resolve("broken.drl"), "rule \"never compiled\" when then\n");
        Files.writeString(v1.resolve("scenarios/names.scenario"), """
                scenario: names
                openReceipt receipt=R1
                expect fired "a receipt id is used once"
                expect fired exactly "one card per receipt" "commands need an open receipt"
                expect applied
                """);
        RuleSource source = RuleSource.folder(rules);
        RuleSetVersion version = new RuleSetVersion("pos-card", 1, java.time.LocalDate.of(2020, 1, 1), "",
                List.of("pos-card/v1/broken.drl"), List.of("pos-card/v1/scenarios/names.scenario"));

        Set<String> named = new ScenarioRunner().rulesNamed(source, version);

        assertEquals(List.of("a receipt id is used once", "commands need an open receipt", "one card per receipt"),
                List.copyOf(named));
    }
}

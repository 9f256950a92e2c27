package org.loyaltyengine.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;

/**
 * What a rule author's {@code expect fired} lines assert: {@code exactly} the whole set of rules that
 * fired, and the coverage check that finds the rules of a version no scenario names.
 */
@Tag("X-11")
class ScenarioExpectationsTest {
    private static final String OPEN = """
            scenario: opening a receipt
            openReceipt receipt=R1
            """;

    @Test
    void firedExactlyPassesOnTheWholeSetAndFailsNamingWhatDiffers(@TempDir Path rules) throws IOException {
        // Opening a new receipt fires no rule of pos-card v1: every rule of receipt.drl guards a
        // command that needs a receipt, a card or a line.
        String scenarios = OPEN + "expect fired exactly\n"
                + OPEN.replace("opening", "opening twice") + "openReceipt receipt=R1\nexpect rejected RECEIPT_EXISTS\n"
                + "expect fired exactly \"a receipt id is used once\"\n"
                + OPEN.replace("opening", "a wrong set") + "openReceipt receipt=R1\n"
                + "expect fired exactly \"a receipt id is used once\" \"one card per receipt\"\n"
                + OPEN.replace("opening", "a rule too few") + "openReceipt receipt=R1\nexpect fired exactly\n";
        RuleSource source = posWith(rules, scenarios);

        List<ScenarioResult> results = new ScenarioRunner().runAll(source);

        assertEquals(4, results.size(), results::toString);
        assertTrue(results.get(0).passed(), results.get(0)::toString);
        assertTrue(results.get(1).passed(), results.get(1)::toString);
        assertFalse(results.get(2).passed());
        assertTrue(results.get(2).toString().contains("did not fire [one card per receipt]"), results.get(2)::toString);
        assertFalse(results.get(3).passed());
        assertTrue(results.get(3).toString().contains("fired besides [a receipt id is used once]"),
                results.get(3)::toString);
    }

    @Test
    void theCoverageCheckNamesEveryRuleNoScenarioExpects(@TempDir Path rules) throws IOException {
        RuleSource source = posWith(rules, OPEN.replace("opening", "opening twice")
                + "openReceipt receipt=R1\nexpect fired \"a receipt id is used once\"\n");
        RuleSetVersion v1 = LoyaltyEngine.builder().rules(source).build().ruleSets().get(0);

        List<String> unnamed = new ScenarioRunner().rulesNamedByNoScenario(source, v1);

        assertFalse(unnamed.contains("a receipt id is used once"), unnamed::toString);
        assertTrue(unnamed.contains("one card per receipt"), unnamed::toString);
        assertTrue(unnamed.contains("commands need an open receipt"), unnamed::toString);
    }

    /** pos-card v1 as shipped, with {@code scenario} as its only scenario file. */
    static RuleSource posWith(Path rules, String scenario) throws IOException {
        Path to = rules.resolve("pos-card/v1");
        Files.createDirectories(to.resolve("scenarios"));
        try (Stream<Path> files = Files.list(Path.of("..", "rules", "pos-card", "v1"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(to.resolve("scenarios/only.scenario"), scenario);
        return RuleSource.folder(rules);
    }
}

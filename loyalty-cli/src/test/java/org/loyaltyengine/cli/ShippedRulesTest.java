package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The repository's own {@code rules/} folder verifies and tests clean through {@code bin/loyalty}, run from
 * the project root as the README says. Counts are read from the output, not fixed here: the rule sets grow.
 */
@Tag("X-11")
class ShippedRulesTest {
    private static Loyalty.Run verify;
    private static Loyalty.Run test;

    @BeforeAll
    static void runTheTool() {
        List<Loyalty.Run> runs = Loyalty.runAll(Loyalty.ROOT, List.of(List.of("verify", "rules"), List.of("test", "rules")));
        verify = runs.get(0);
        test = runs.get(1);
    }

    @Test
    void verify_shippedRules_noProblemsExitZero() {
        assertEquals(0, verify.exit(), verify::describe);
        assertEquals(1, verify.out().size(), verify::describe);
        Matcher m = Pattern.compile("verify rules: (\\d+) rule sets, (\\d+) versions, (\\d+) rules: no problems")
                .matcher(verify.out().get(0));
        assertTrue(m.matches(), verify::describe);
        // pos-card, customer-card, savings-points, customers and credits, each at least at v1.
        assertTrue(Integer.parseInt(m.group(1)) >= 5, verify::describe);
        assertTrue(Integer.parseInt(m.group(3)) > 0, verify::describe);
        // Drools' own log stays out of the analyst's terminal.
        assertEquals(List.of(), verify.err(), verify::describe);
    }

    @Test
    void test_shippedRules_everyScenarioPassesExitZero() {
        assertEquals(0, test.exit(), test::describe);
        List<String> out = test.out();
        String summary = out.get(out.size() - 1);
        Matcher m = Pattern.compile("test rules: (\\d+) scenarios in (\\d+) versions: (\\d+) passed, 0 failed")
                .matcher(summary);
        assertTrue(m.matches(), test::describe);
        List<String> cases = out.subList(0, out.size() - 1);
        assertTrue(cases.stream().allMatch(l -> l.matches("PASS rules/[^/]+/v\\d+/scenarios/[^/]+\\.scenario:\\d+: .+")),
                test::describe);
        assertEquals(cases.size(), Integer.parseInt(m.group(1)), test::describe);
        assertEquals(cases.size(), Integer.parseInt(m.group(3)), test::describe);
        // The README's example case, at the line its "scenario:" is on in credit.scenario.
        assertTrue(cases.contains("PASS rules/pos-card/v1/scenarios/credit.scenario:20: a draw beyond the available"
                + " credit is refused"), test::describe);
        assertEquals(List.of(), test.err(), test::describe);
    }
}

package org.loyaltyengine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/loyalty}'s help, version and usage errors, run as processes: exit 0 for what was asked for,
 * 2 for a call the tool cannot make sense of, with the reason on standard error.
 */
@Tag("X-11")
class UsageTest {
    private static List<Loyalty.Run> runs;

    @BeforeAll
    static void runTheTool() {
        runs = Loyalty.runAll(Loyalty.ROOT, List.of(
                List.of("--help"),
                List.of("verify", "--help"),
                List.of("test", "--help"),
                List.of("--version"),
                List.of(),
                List.of("replay"),
                List.of("verify", "no-such-folder"),
                List.of("verify"),
                List.of("test", "rules", "--version", "two")));
    }

    private static String out(Loyalty.Run run) {
        return String.join("\n", run.out());
    }

    private static String err(Loyalty.Run run) {
        return String.join("\n", run.err());
    }

    @Test
    void help_listsTheCommandsAndTheExitCodes() {
        Loyalty.Run run = runs.get(0);
        assertEquals(0, run.exit(), run::describe);
        assertTrue(out(run).startsWith("Usage: loyalty [-hV] COMMAND"), run::describe);
        assertTrue(run.out().contains("  verify   Lists every problem of a rule folder as path:line: message."),
                run::describe);
        assertTrue(run.out().contains("  test     Runs the scenario files of a rule folder, one line per scenario."),
                run::describe);
        assertTrue(run.out().contains("  whatif   Replays a command log under a candidate rule version and reports"),
                run::describe);
        assertTrue(run.out().contains("  explain  Shows one logged command: its request, the rules that fired and the"),
                run::describe);
        assertTrue(out(run).contains("Exit codes:\n  0   all is well\n  1   problems found"), run::describe);
        assertTrue(out(run).contains("  2   usage error"), run::describe);
    }

    @Test
    void help_ofEachCommand_namesItsArgumentsAndExitCodes() {
        Loyalty.Run verify = runs.get(1);
        assertEquals(0, verify.exit(), verify::describe);
        assertTrue(out(verify).startsWith("Lists every problem of a rule folder as path:line: message.\n"
                + "Usage: loyalty verify [-h] RULES-DIR"), verify::describe);
        assertTrue(out(verify).contains("Exit codes:\n  0   every version verifies"), verify::describe);
        Loyalty.Run test = runs.get(2);
        assertEquals(0, test.exit(), test::describe);
        assertTrue(out(test).startsWith("Runs the scenario files of a rule folder, one line per scenario.\n"
                + "Usage: loyalty test [-h] [--set=SET] [--version=vN] RULES-DIR"), test::describe);
        assertTrue(out(test).contains("Exit codes:\n  0   every scenario passes"), test::describe);
    }

    @Test
    void version_printsTheBuildsVersion() {
        Loyalty.Run run = runs.get(3);
        assertEquals(0, run.exit(), run::describe);
        assertTrue(out(run).startsWith("loyalty 0.1.0-SNAPSHOT "), run::describe);
    }

    @Test
    void noCommand_isAUsageError() {
        Loyalty.Run run = runs.get(4);
        assertEquals(2, run.exit(), run::describe);
        assertTrue(err(run).startsWith("name a command: verify, test, whatif or explain\nUsage: loyalty"), run::describe);
    }

    @Test
    void unknownCommand_isAUsageError() {
        Loyalty.Run run = runs.get(5);
        assertEquals(2, run.exit(), run::describe);
        assertTrue(err(run).startsWith("Unmatched argument at index 0: 'replay'"), run::describe);
    }

    @Test
    void folderThatIsNotThere_isAUsageError() {
        Loyalty.Run run = runs.get(6);
        assertEquals(2, run.exit(), run::describe);
        assertEquals("the rules folder no-such-folder does not exist or is not a folder", run.err().get(0), run::describe);
        assertEquals(List.of(), run.out(), run::describe);
    }

    @Test
    void missingFolderArgument_isAUsageError() {
        Loyalty.Run run = runs.get(7);
        assertEquals(2, run.exit(), run::describe);
        assertTrue(err(run).startsWith("Missing required parameter: 'RULES-DIR'"), run::describe);
    }

    @Test
    void versionThatIsNoVersion_isAUsageError() {
        Loyalty.Run run = runs.get(8);
        assertEquals(2, run.exit(), run::describe);
        assertEquals("--version two is not a version; write v1, v2 ...", run.err().get(0), run::describe);
    }
}

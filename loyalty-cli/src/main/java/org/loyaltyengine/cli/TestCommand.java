package org.loyaltyengine.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.RuleSourceDescription;
import org.loyaltyengine.scenarios.ScenarioException;
import org.loyaltyengine.scenarios.ScenarioResult;
import org.loyaltyengine.scenarios.ScenarioRunner;
import org.loyaltyengine.spi.LoyaltyException;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loyalty test <rules-dir>}: runs the scenario files beside the rules, each version's against that
 * version, exactly as {@code mvn verify} runs them (the same runner and drivers).
 */
@Command(name = "test", sortOptions = false,
        header = "Runs the scenario files of a rule folder, one line per scenario.",
        description = {
                "Runs the scenarios (<set>/v<N>/scenarios/*.scenario) of every version in RULES-DIR, each"
                        + " against its own version on a fresh in-memory store, and prints one line per"
                        + " scenario: PASS or FAIL, file:line and title. Under a failure: what the step expected"
                        + " and what happened, and the rules the last command fired.",
                "Run 'loyalty verify' first: a version that does not compile fails all its scenarios."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every scenario passes",
                "1:a scenario fails, or a version cannot run (no scenarios, a broken manifest)",
                "2:usage error (the rules folder does not exist, an unknown set or version)"})
final class TestCommand implements Callable<Integer> {
    private static final Pattern VERSION = Pattern.compile("v?(\\d{1,9})");
    private static final Pattern STEP_LINE = Pattern.compile("line \\d+: ");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RuleFolderArgument rules;

    @Option(names = "--set", paramLabel = "SET", description = "only this rule set, e.g. pos-card")
    String set;

    @Option(names = "--version", paramLabel = "vN", description = "only this version, e.g. v2 (of every set,"
            + " or of the one --set names)")
    String version;

    @Override
    public Integer call() {
        CommandLine line = spec.commandLine();
        Integer number = null;
        if (version != null) {
            Matcher m = VERSION.matcher(version);
            if (!m.matches()) {
                throw new CommandLine.ParameterException(line, "--version " + version + " is not a version; write v1,"
                        + " v2 ...");
            }
            number = Integer.parseInt(m.group(1));
        }
        RuleFolder folder = rules.open();
        if (folder == null) {
            return LoyaltyCli.PROBLEMS;
        }
        List<RuleFolder.Version> selected = select(line, folder, number);
        PrintWriter out = line.getOut();
        ScenarioRunner runner = new ScenarioRunner();
        int passed = 0;
        int failed = 0;
        int cannotRun = 0;
        for (RuleFolder.Version v : selected) {
            if (!v.runnable()) {
                v.problems().forEach(out::println);
                out.println("FAIL " + folder.display(v.folder()) + ": the version cannot run (see 'loyalty verify')");
                cannotRun++;
                continue;
            }
            RuleSource alone = folder.source().only(v.folder());
            List<ScenarioResult> results;
            try {
                RuleSetVersion found = LoyaltyEngine.builder().rules(alone).build().ruleSets().get(0);
                results = runner.run(alone, found);
            } catch (ScenarioException e) {
                out.println(folder.scenarioProblem(e, v.folder()));
                out.println("FAIL " + folder.display(v.folder()) + ": a scenario file cannot be read as steps");
                cannotRun++;
                continue;
            } catch (LoyaltyException e) {
                out.println("FAIL " + folder.display(v.folder()) + ": " + Problem.oneLine(e.getMessage()));
                cannotRun++;
                continue;
            }
            if (results.stream().anyMatch(r -> !r.passed()) && !compiles(folder, alone, out)) {
                // Every scenario would fail with the same compile error: said once, with the problems.
                out.println("FAIL " + folder.display(v.folder()) + ": the version does not compile, so none of its "
                        + count(results.size(), "scenario") + " can run (see 'loyalty verify')");
                cannotRun++;
                continue;
            }
            for (ScenarioResult r : results) {
                if (r.passed()) {
                    passed++;
                    out.println("PASS " + new Problem(folder.display(r.file()), r.line(), r.title()));
                } else {
                    failed++;
                    print(out, folder, r);
                }
            }
        }
        out.println("test " + rules.dir + ": " + count(passed + failed, "scenario") + " in " + count(selected.size(),
                "version") + ": " + passed + " passed, " + failed + " failed"
                + (cannotRun == 0 ? "" : ", " + count(cannotRun, "version") + " cannot run"));
        return failed == 0 && cannotRun == 0 ? LoyaltyCli.OK : LoyaltyCli.PROBLEMS;
    }

    private List<RuleFolder.Version> select(CommandLine line, RuleFolder folder, Integer number) {
        List<RuleFolder.Version> all = folder.versions();
        if (set != null && all.stream().noneMatch(v -> v.set().equals(set))) {
            throw new CommandLine.ParameterException(line, rules.dir + " has no rule set " + set + "; it has "
                    + all.stream().map(RuleFolder.Version::set).distinct().toList());
        }
        List<RuleFolder.Version> selected = all.stream().filter(v -> set == null || v.set().equals(set))
                .filter(v -> number == null || v.number() == number).toList();
        if (selected.isEmpty()) {
            throw new CommandLine.ParameterException(line, "no version v" + number + " in " + rules.dir
                    + (set == null ? "" : "/" + set) + "; it has " + all.stream()
                    .filter(v -> set == null || v.set().equals(set)).map(RuleFolder.Version::folder).toList());
        }
        return selected;
    }

    /** Whether the version compiles; when it does not, its problems are printed, as verify prints them. */
    private static boolean compiles(RuleFolder folder, RuleSource alone, PrintWriter out) {
        RuleSourceDescription described = alone.describe();
        described.allProblems().forEach(e -> out.println(folder.problem(e.file(), e.line(), e.message())));
        return described.compiles();
    }

    private static void print(PrintWriter out, RuleFolder folder, ScenarioResult r) {
        String file = folder.display(r.file());
        if (r.line() == 0) {
            out.println("FAIL " + new Problem(file, 0, r.failure()));
            return;
        }
        out.println("FAIL " + new Problem(file, r.line(), r.title()));
        String failure = r.failure();
        Matcher m = STEP_LINE.matcher(failure);
        if (m.lookingAt()) {
            failure = failure.substring(m.end()); // the line is printed already, as file:line
        }
        out.println("     " + Problem.oneLine(failure));
        out.println("     rules fired: " + (r.rulesFired().isEmpty() ? "none"
                : String.join(", ", r.rulesFired().stream().map(n -> "\"" + n + "\"").toList())));
    }

    private static String count(int n, String what) {
        return VerifyCommand.count(n, what);
    }
}

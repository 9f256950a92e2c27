package org.loyaltyengine.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.RuleSourceDescription;
import org.loyaltyengine.RuleVersionDescription;
import org.loyaltyengine.scenarios.ScenarioException;
import org.loyaltyengine.scenarios.ScenarioRunner;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code loyalty verify <rules-dir>}: everything that would keep a rule folder from going live, listed at
 * once, each problem as {@code path:line: message}.
 */
@Command(name = "verify", sortOptions = false,
        header = "Lists every problem of a rule folder as path:line: message.",
        description = "Checks every version of every rule set in RULES-DIR as the engine would load it, and lists"
                + " every problem as path:line: message: a .drl file that does not compile, or that uses what rule"
                + " files may not use (at the line of the call); a ruleset.properties without effective-from, with"
                + " one not later than the version before's, or without a description; a rule that no"
                + " 'expect fired' step of a scenario of its version names (at the line that declares it).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:every version verifies",
                "1:problems found (listed above the summary line)",
                "2:usage error (the rules folder does not exist, an unknown option)"})
final class VerifyCommand implements Callable<Integer> {
    /** {@code rule "name"} at the start of a line: where a rule no scenario names is declared. */
    private static final Pattern RULE = Pattern.compile(
            "(?m)^[ \\t]*rule[ \\t]+(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^'\\\\]|\\\\.)*)'|([^\\s\"']+))");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RuleFolderArgument rules;

    @Override
    public Integer call() {
        CommandLine line = spec.commandLine();
        RuleFolder folder = rules.open();
        if (folder == null) {
            return LoyaltyCli.PROBLEMS;
        }
        List<Problem> problems = new ArrayList<>(folder.problems());
        ScenarioRunner runner = new ScenarioRunner();
        Set<String> sets = new TreeSet<>();
        int ruleCount = 0;
        for (RuleFolder.Version v : folder.versions()) {
            sets.add(v.set());
            problems.addAll(v.problems());
            if (!v.runnable()) {
                continue; // its manifest's problems say why; the engine could not order it among the others
            }
            // Each version on its own: a version that does not compile hides nothing of the others.
            RuleSource alone = folder.source().only(v.folder());
            RuleSourceDescription described = alone.describe();
            described.allProblems().forEach(e -> problems.add(folder.problem(e.file(), e.line(), e.message())));
            for (RuleVersionDescription compiled : described.versions()) {
                if (compiled.compiles()) {
                    ruleCount += compiled.rules().size();
                    problems.addAll(unproven(folder, runner, alone, compiled));
                }
            }
        }
        if (folder.versions().isEmpty() && problems.isEmpty()) {
            problems.add(new Problem(rules.dir, 0, "no rule set version found; a version is a folder <set>/v<N>/ with "
                    + RuleFolder.MANIFEST + " and its .drl files"));
        }
        var out = line.getOut();
        problems.forEach(out::println);
        out.println("verify " + rules.dir + ": " + count(sets.size(), "rule set") + ", "
                + count(folder.versions().size(), "version") + ", " + count(ruleCount, "rule") + ": "
                + (problems.isEmpty() ? "no problems" : count(problems.size(), "problem")));
        return problems.isEmpty() ? LoyaltyCli.OK : LoyaltyCli.PROBLEMS;
    }

    /** The rules of a compiled version that no scenario of it names, each at the line that declares it. */
    private static List<Problem> unproven(RuleFolder folder, ScenarioRunner runner, RuleSource alone,
                                          RuleVersionDescription compiled) {
        RuleSetVersion version = compiled.version();
        List<Problem> problems = new ArrayList<>();
        Set<String> named;
        try {
            named = runner.rulesNamed(alone, version);
        } catch (ScenarioException e) {
            problems.add(folder.scenarioProblem(e, version.folder()));
            return problems;
        }
        if (version.scenarioFiles().isEmpty()) {
            problems.add(folder.problem(version.folder(), 0, "the version has no scenarios/*.scenario file;"
                    + " every version needs scenarios that prove its rules"));
        }
        for (String name : named) {
            if (!compiled.rules().contains(name)) {
                // A step that can never pass: most often a rule renamed, or a name mistyped.
                Problem at = namedAt(folder, alone, version, name);
                problems.add(new Problem(at.path(), at.line(), "'expect fired' names rule \"" + name + "\", which "
                        + version.folder() + " does not have"));
            }
        }
        Map<String, Problem> declared = declarations(folder, alone, version);
        for (String rule : compiled.rules()) {
            if (!named.contains(rule)) {
                Problem at = declared.getOrDefault(rule, folder.problem(version.folder(), 0, ""));
                problems.add(new Problem(at.path(), at.line(), "rule \"" + rule + "\" is named by no scenario;"
                        + " prove it with an 'expect fired \"" + rule + "\"' step in " + version.folder()
                        + "/scenarios"));
            }
        }
        return problems;
    }

    /** The first {@code expect fired} line of the version's scenarios that names {@code rule}. */
    private static Problem namedAt(RuleFolder folder, RuleSource alone, RuleSetVersion version, String rule) {
        for (String file : version.scenarioFiles()) {
            String[] lines = alone.files().get(file).split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.startsWith("expect fired") && (l.contains("\"" + rule + "\"") || List.of(l.split("\\s+"))
                        .contains(rule))) {
                    return folder.problem(file, i + 1, "");
                }
            }
        }
        return folder.problem(version.folder() + "/scenarios", 0, "");
    }

    /** Where each rule of the version is declared: its file and the line of {@code rule "name"}. */
    private static Map<String, Problem> declarations(RuleFolder folder, RuleSource alone, RuleSetVersion version) {
        Map<String, Problem> at = new HashMap<>();
        for (String file : version.drlFiles()) {
            String text = alone.files().get(file);
            Matcher m = RULE.matcher(text);
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
                int lineNo = (int) text.substring(0, m.start()).chars().filter(c -> c == '\n').count() + 1;
                at.putIfAbsent(name, folder.problem(file, lineNo, ""));
            }
        }
        return at;
    }

    static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}

package org.loyaltyengine.cli;

import java.io.IOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.loyaltyengine.RuleSource;
import org.loyaltyengine.scenarios.ScenarioException;

/**
 * An analysts' rule folder as the tool reads it: its version folders {@code <set>/v<N>/}, each with its
 * manifest checked, so that one broken manifest is reported beside the others instead of stopping the
 * engine's reading of the whole folder at the first (the engine refuses a folder whose manifests it cannot
 * order; the tool checks and compiles each version on its own).
 */
final class RuleFolder {
    private static final Pattern IN_VERSION = Pattern.compile("([^/]+)/v(\\d+)/(.+)");
    static final String MANIFEST = "ruleset.properties";
    /** A scenario file's own position at the head of a {@link ScenarioException}'s message. */
    private static final Pattern AT = Pattern.compile("(?s)([^\\s:]+):(\\d+): (.*)");

    /**
     * One version folder.
     *
     * @param effectiveFrom its date, or null when the manifest gives none the engine can read: such a version
     *                      is not compiled nor run (the engine would refuse the whole folder for it)
     */
    record Version(String set, int number, String folder, LocalDate effectiveFrom, List<Problem> problems) {
        boolean runnable() {
            return effectiveFrom != null;
        }
    }

    private final String given;
    private final RuleSource source;
    private final List<Version> versions = new ArrayList<>();
    private final List<Problem> problems = new ArrayList<>();

    /**
     * @param given  the folder as the analyst named it, which every path printed starts with
     * @param source the folder's files
     */
    RuleFolder(String given, RuleSource source) {
        this.given = given;
        this.source = source;
        Map<String, Map<Integer, List<String>>> filesByVersion = new TreeMap<>();
        for (String path : source.files().keySet()) {
            Matcher m = IN_VERSION.matcher(path);
            if (!m.matches() || m.group(2).length() > 9) {
                if (path.endsWith(".drl")) {
                    problems.add(problem(path, 0, "a rule file must sit in a version folder <set>/v<N>/"
                            + " next to its " + MANIFEST + "; this one belongs to no version and would not run"));
                }
                continue;
            }
            filesByVersion.computeIfAbsent(m.group(1), k -> new TreeMap<>())
                    .computeIfAbsent(Integer.parseInt(m.group(2)), k -> new ArrayList<>()).add(m.group(3));
        }
        filesByVersion.forEach((set, byNumber) -> {
            Version before = null;
            for (var e : byNumber.entrySet()) {
                Version v = read(set, e.getKey(), e.getValue(), before);
                versions.add(v);
                if (v.runnable()) {
                    before = v;
                }
            }
        });
        versions.sort(Comparator.comparing(Version::set).thenComparingInt(Version::number));
    }

    private Version read(String set, int number, List<String> files, Version before) {
        String folder = set + "/v" + number;
        List<Problem> found = new ArrayList<>();
        String manifestPath = folder + "/" + MANIFEST;
        if (files.stream().noneMatch(f -> f.endsWith(".drl"))) {
            found.add(problem(folder, 0, "the version has no .drl file"));
        }
        String text = source.files().get(manifestPath);
        if (text == null) {
            found.add(problem(folder, 0, MANIFEST + " is missing; every version folder needs one, with"
                    + " effective-from=yyyy-mm-dd and description=what the version changes"));
            return new Version(set, number, folder, null, found);
        }
        Manifest manifest;
        try {
            manifest = new Manifest(text);
        } catch (IOException e) {
            found.add(problem(manifestPath, 0, "the manifest cannot be read: " + e.getMessage()));
            return new Version(set, number, folder, null, found);
        }
        LocalDate effective = null;
        String from = manifest.get("effective-from");
        if (from == null) {
            found.add(problem(manifestPath, 0, "effective-from is missing; add effective-from=yyyy-mm-dd, the first"
                    + " business date the version decides"));
        } else if (from.isBlank()) {
            found.add(problem(manifestPath, manifest.line("effective-from"), "effective-from is empty; give the"
                    + " first business date the version decides (yyyy-mm-dd)"));
        } else {
            try {
                effective = LocalDate.parse(from.strip());
            } catch (DateTimeParseException e) {
                found.add(problem(manifestPath, manifest.line("effective-from"), "effective-from '" + from.strip()
                        + "' is not a date (yyyy-mm-dd)"));
            }
        }
        if (effective != null && before != null && !effective.isAfter(before.effectiveFrom())) {
            // The engine picks the latest effective-from on or before a business date; a later version in
            // force from an earlier day would take over from its predecessor's start, or share its day.
            found.add(problem(manifestPath, manifest.line("effective-from"), "effective-from " + effective
                    + " is not later than v" + before.number() + "'s (" + before.effectiveFrom() + "); a new"
                    + " version takes effect after the one before it"));
        }
        String description = manifest.get("description");
        if (description == null) {
            found.add(problem(manifestPath, 0, "description is missing; add description=what the version decides"
                    + " or changes"));
        } else if (description.isBlank()) {
            found.add(problem(manifestPath, manifest.line("description"), "description is empty; say what the"
                    + " version decides or changes"));
        }
        return new Version(set, number, folder, effective, found);
    }

    /**
     * A scenario file that cannot be read as steps, at the file and line its message starts with (the runner
     * names them so), else at {@code folder}.
     */
    Problem scenarioProblem(ScenarioException e, String folder) {
        Matcher m = AT.matcher(e.getMessage());
        return m.matches() ? problem(m.group(1), Integer.parseInt(m.group(2)), m.group(3))
                : problem(folder + "/scenarios", 0, e.getMessage());
    }

    /** A problem at {@code relative} (a path in the rule folder), printed under the folder as given. */
    Problem problem(String relative, int line, String message) {
        return new Problem(display(relative), line, message);
    }

    /** {@code relative} under the folder as given: {@code rules/pos-card/v1/credit.drl}. */
    String display(String relative) {
        return display(given, relative);
    }

    static String display(String given, String relative) {
        if (relative.startsWith("(") || relative.startsWith("classpath:")) {
            return given + " " + relative;
        }
        return given.endsWith("/") ? given + relative : given + "/" + relative;
    }

    RuleSource source() {
        return source;
    }

    /** Every version folder, by set then number. */
    List<Version> versions() {
        return versions;
    }

    /** Problems of the folder outside any version (a rule file in no version folder). */
    List<Problem> problems() {
        return problems;
    }
}

package org.loyaltyengine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.loyaltyengine.IoFailedException;
import org.loyaltyengine.RuleSource;

/**
 * The rules a what-if runs under: the rules folder as it is, except that the rule set under study has one
 * version only, the candidate, in force from the log's first business date (or its own effective-from, if
 * earlier). Every other rule set keeps its versions, each in force when it was.
 *
 * <p>Why one version rather than the candidate added on top: a version of the set that took effect during the
 * log's period would otherwise win over the candidate from its date on, and the what-if would compare part of
 * the log against the recorded rules. The rule source is built from files only (the engine reads rules from
 * nothing else), so the combination is written to a temporary folder, read, and the folder deleted.
 */
final class CandidateRules {
    private static final Pattern VERSION_FOLDER = Pattern.compile("v(\\d+)");
    private static final Pattern EFFECTIVE_FROM = Pattern.compile("(?m)^\\s*effective-from\\s*[=:].*$");

    private CandidateRules() {
    }

    /** The version number a candidate folder's name gives ({@code v3} is 3), or -1 when it is not so named. */
    static int versionOf(Path candidate) {
        Matcher m = VERSION_FOLDER.matcher(candidate.getFileName().toString());
        return m.matches() ? Integer.parseInt(m.group(1)) : -1;
    }

    /**
     * The rules folder with the candidate as the set's only version.
     *
     * @throws IoFailedException if the temporary folder cannot be made or written
     */
    static RuleSource build(RuleSource base, String set, Path candidate, LocalDate from) {
        int version = versionOf(candidate);
        Path dir;
        try {
            dir = Files.createTempDirectory("loyalty-whatif");
        } catch (IOException e) {
            throw new IoFailedException("making a temporary folder for the candidate's rules", e);
        }
        try {
            String prefix = set + "/";
            for (Map.Entry<String, String> f : base.files().entrySet()) {
                if (!f.getKey().startsWith(prefix)) {
                    write(dir.resolve(f.getKey()), f.getValue());
                }
            }
            Path target = dir.resolve(set).resolve("v" + version);
            for (Map.Entry<String, String> f : RuleSource.folder(candidate).files().entrySet()) {
                String text = f.getValue();
                if (f.getKey().equals("ruleset.properties")) {
                    text = inForceFrom(text, from);
                }
                write(target.resolve(f.getKey()), text);
            }
            return RuleSource.folder(dir);
        } finally {
            delete(dir);
        }
    }

    /** The manifest with effective-from moved back to {@code from} when it is later. */
    private static String inForceFrom(String manifest, LocalDate from) {
        Matcher m = EFFECTIVE_FROM.matcher(manifest);
        if (!m.find()) {
            return manifest; // the engine refuses it with its own message, at the manifest
        }
        String value = m.group().substring(m.group().indexOf(m.group().contains("=") ? '=' : ':') + 1).trim();
        try {
            if (!LocalDate.parse(value).isAfter(from)) {
                return manifest;
            }
        } catch (java.time.format.DateTimeParseException e) {
            return manifest;
        }
        return m.replaceFirst("effective-from=" + from);
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IoFailedException("writing the candidate's rules to " + file, e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A temporary folder left behind holds copies of rule files only.
        }
    }
}

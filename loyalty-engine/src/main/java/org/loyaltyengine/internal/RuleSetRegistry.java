package org.loyaltyengine.internal;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.io.ByteArrayResource;
import org.kie.api.KieBase;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.builder.ResultSeverity;
import org.loyaltyengine.NoRuleVersionInForceException;
import org.loyaltyengine.RuleCompilationException;
import org.loyaltyengine.RuleError;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;

/**
 * Discovers {@code <set>/v<N>/ruleset.properties} in a rule source, compiles each version once into a
 * cached KieBase, and picks the version in force on a business date (the latest effective-from on
 * or before it).
 */
public final class RuleSetRegistry {
    private static final Pattern VERSION_FOLDER = Pattern.compile("([^/]+)/v(\\d+)/(.+)");

    /** A compiled version: its manifest and its KieBase. */
    public record Compiled(RuleSetVersion version, KieBase kieBase) {
    }

    private final RuleSource source;
    private final Map<String, List<RuleSetVersion>> versions;
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();

    public RuleSetRegistry(RuleSource source) {
        this.source = source;
        this.versions = discover(source);
    }

    private static Map<String, List<RuleSetVersion>> discover(RuleSource source) {
        Map<String, Map<Integer, List<String>>> drl = new TreeMap<>();
        Map<String, Map<Integer, List<String>>> scenarios = new TreeMap<>();
        Map<String, Map<Integer, String>> manifests = new TreeMap<>();
        source.files().forEach((path, text) -> {
            Matcher m = VERSION_FOLDER.matcher(path);
            if (!m.matches()) {
                return;
            }
            String set = m.group(1);
            int version = Integer.parseInt(m.group(2));
            String rest = m.group(3);
            if (rest.equals("ruleset.properties")) {
                manifests.computeIfAbsent(set, k -> new TreeMap<>()).put(version, path);
            } else if (rest.endsWith(".drl") && !rest.contains("/")) {
                drl.computeIfAbsent(set, k -> new TreeMap<>()).computeIfAbsent(version, k -> new ArrayList<>()).add(path);
            } else if (rest.startsWith("scenarios/") && rest.endsWith(".scenario")) {
                scenarios.computeIfAbsent(set, k -> new TreeMap<>()).computeIfAbsent(version, k -> new ArrayList<>())
                        .add(path);
            }
        });
        Map<String, List<RuleSetVersion>> result = new TreeMap<>();
        manifests.forEach((set, byVersion) -> byVersion.forEach((version, manifestPath) -> {
            Properties p = new Properties();
            try {
                p.load(new StringReader(source.files().get(manifestPath)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String from = p.getProperty("effective-from");
            if (from == null || from.isBlank()) {
                throw new RuleCompilationException(set, version,
                        List.of(new RuleError(manifestPath, 0, "effective-from is missing (yyyy-mm-dd)")));
            }
            LocalDate effective;
            try {
                effective = LocalDate.parse(from.trim());
            } catch (DateTimeParseException e) {
                throw new RuleCompilationException(set, version,
                        List.of(new RuleError(manifestPath, 0, "effective-from '" + from + "' is not a date (yyyy-mm-dd)")));
            }
            List<String> files = drl.getOrDefault(set, Map.of()).getOrDefault(version, List.of());
            if (files.isEmpty()) {
                throw new RuleCompilationException(set, version,
                        List.of(new RuleError(set + "/v" + version, 0, "the version has no .drl file")));
            }
            result.computeIfAbsent(set, k -> new ArrayList<>()).add(new RuleSetVersion(set, version, effective,
                    p.getProperty("description", "").trim(), files,
                    scenarios.getOrDefault(set, Map.of()).getOrDefault(version, List.of())));
        }));
        result.values().forEach(list -> list.sort(Comparator.comparing(RuleSetVersion::effectiveFrom)
                .thenComparingInt(RuleSetVersion::version)));
        return result;
    }

    public RuleSource source() {
        return source;
    }

    /** Every version of every rule set, sorted by set, then effective date. */
    public List<RuleSetVersion> all() {
        return versions.values().stream().flatMap(List::stream).toList();
    }

    /** The compiled version of {@code ruleSet} in force on {@code date}. */
    public Compiled inForce(String ruleSet, LocalDate date) {
        RuleSetVersion chosen = null;
        for (RuleSetVersion v : versions.getOrDefault(ruleSet, List.of())) {
            if (!v.effectiveFrom().isAfter(date)) {
                chosen = v;
            }
        }
        if (chosen == null) {
            throw new NoRuleVersionInForceException(ruleSet, date);
        }
        return compile(chosen);
    }

    /** A specific version, compiled (for scenarios and what-if runs). */
    public Compiled version(String ruleSet, int version) {
        return versions.getOrDefault(ruleSet, List.of()).stream().filter(v -> v.version() == version).findFirst()
                .map(this::compile)
                .orElseThrow(() -> new NoRuleVersionInForceException(ruleSet + " v" + version, LocalDate.MAX));
    }

    public Compiled compile(RuleSetVersion v) {
        return compiled.computeIfAbsent(v.folder(), k -> build(v));
    }

    private Compiled build(RuleSetVersion v) {
        KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (String file : v.drlFiles()) {
            ByteArrayResource resource = new ByteArrayResource(
                    source.files().get(file).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            resource.setSourcePath(file);
            kb.add(resource, ResourceType.DRL);
        }
        if (kb.hasErrors()) {
            List<RuleError> errors = new ArrayList<>();
            for (var result : kb.getResults(ResultSeverity.ERROR)) {
                String file = result.getResource() != null && result.getResource().getSourcePath() != null
                        ? result.getResource().getSourcePath() : v.folder();
                int line = result.getLines() != null && result.getLines().length > 0 ? result.getLines()[0] : 0;
                errors.add(new RuleError(file, line, result.getMessage().trim()));
            }
            for (KnowledgeBuilderError e : kb.getErrors()) {
                if (errors.stream().noneMatch(x -> x.message().equals(e.getMessage().trim()))) {
                    errors.add(new RuleError(v.folder(), e.getLines().length > 0 ? e.getLines()[0] : 0,
                            e.getMessage().trim()));
                }
            }
            throw new RuleCompilationException(v.ruleSet(), v.version(), errors);
        }
        return new Compiled(v, kb.newKieBase());
    }
}

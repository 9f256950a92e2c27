package org.loyaltyengine.internal;

import java.io.IOException;
import java.io.StringReader;
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

import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.parser.DroolsError;
import org.drools.drl.parser.DroolsParserException;
import org.drools.drl.parser.DrlParser;
import org.drools.io.ByteArrayResource;
import org.drools.io.DescrResource;
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
import org.loyaltyengine.RuleSourceDescription;
import org.loyaltyengine.RuleVersionDescription;
import org.loyaltyengine.UnsafeRuleException;

/**
 * Discovers {@code <set>/v<N>/ruleset.properties} in a rule source, compiles each version once into a
 * cached KieBase, and picks the version in force on a business date (the latest effective-from on
 * or before it).
 */
public final class RuleSetRegistry {
    private static final Pattern VERSION_FOLDER = Pattern.compile("([^/]+)/v(\\d+)/(.+)");

    /**
     * A compiled version: its manifest, its sessions (the KieBase with the pool of sessions evaluations of it
     * run in) and the bounds every evaluation of it runs within.
     */
    public record Compiled(RuleSetVersion version, SessionPool sessions, EvaluationLimits limits) {
        public Compiled(RuleSetVersion version, KieBase kieBase) {
            this(version, new SessionPool(kieBase), EvaluationLimits.DEFAULT);
        }

        public KieBase kieBase() {
            return sessions.kieBase();
        }

        /** The names of the version's rules, sorted. */
        public List<String> ruleNames() {
            return kieBase().getKiePackages().stream().flatMap(p -> p.getRules().stream())
                    .map(org.kie.api.definition.rule.Rule::getName).sorted().toList();
        }
    }

    private final RuleSource source;
    private final EvaluationLimits limits;
    private final Map<String, List<RuleSetVersion>> versions;
    private final Map<String, Compiled> compiled = new ConcurrentHashMap<>();
    /**
     * The KieBases of {@link #source} with their pooled sessions, shared with every other registry built on
     * the same instance.
     */
    private final BuildOnce<SessionPool> compiledOfSource;

    /**
     * The compiled KieBases of each rule source, by version folder: engines built on one {@code RuleSource}
     * instance (a host's engine per store or per database, a test suite's engine per test) compile each
     * version once between them. A rule source is immutable text and a KieBase is shared by threads
     * already, so two engines sharing one is what two commands of one engine do; so is its pool of sessions,
     * which hands each session to one evaluation at a time. Keyed weakly, by identity: a source that no
     * engine and no host holds any more takes its compiled versions with it.
     */
    private static final Map<RuleSource, BuildOnce<SessionPool>> COMPILED_BY_SOURCE =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** Manifest keys {@code setting.<name>=value}: the default of a program setting under this version. */
    static final String SETTING_PREFIX = "setting.";

    public RuleSetRegistry(RuleSource source) {
        this(source, EvaluationLimits.DEFAULT);
    }

    public RuleSetRegistry(RuleSource source, EvaluationLimits limits) {
        this.source = source;
        this.limits = limits;
        this.versions = discover(source);
        this.compiledOfSource = COMPILED_BY_SOURCE.computeIfAbsent(source, s -> new BuildOnce<>());
    }

    private static Map<String, List<RuleSetVersion>> discover(RuleSource source) {
        Map<String, Map<Integer, List<String>>> drl = new TreeMap<>();
        Map<String, Map<Integer, List<String>>> scenarios = new TreeMap<>();
        Map<String, Map<Integer, String>> manifests = new TreeMap<>();
        List<String> stray = new ArrayList<>();
        Map<String, String> folderOfVersion = new TreeMap<>();
        source.files().forEach((path, text) -> {
            Matcher m = VERSION_FOLDER.matcher(path);
            if (!m.matches()) {
                if (path.endsWith(".drl")) {
                    stray.add(path);
                }
                return;
            }
            String set = m.group(1);
            String folder = set + "/v" + m.group(2);
            int version;
            try {
                version = Integer.parseInt(m.group(2));
            } catch (NumberFormatException e) {
                throw new RuleCompilationException(set, 0, List.of(new RuleError(folder, 0, "the version number "
                        + m.group(2) + " is too large; versions are numbered 1, 2, 3 ...")));
            }
            // v1 and v01 are both version 1: one manifest would be dropped and the two folders' rules merged.
            String other = folderOfVersion.putIfAbsent(set + "/" + version, folder);
            if (other != null && !other.equals(folder)) {
                throw new RuleCompilationException(set, version, List.of(new RuleError(folder, 0, "this folder and "
                        + other + " both name version " + version + " of " + set + "; rename one")));
            }
            String rest = m.group(3);
            if (rest.equals("ruleset.properties")) {
                manifests.computeIfAbsent(set, k -> new TreeMap<>()).put(version, path);
            } else if (rest.endsWith(".drl")) {
                // Every rule file under v<N>/, in any sub-folder, belongs to the version: a file that is
                // there but never compiled would be a rule the analyst believes in force and is not.
                drl.computeIfAbsent(set, k -> new TreeMap<>()).computeIfAbsent(version, k -> new ArrayList<>()).add(path);
            } else if (rest.startsWith("scenarios/") && rest.endsWith(".scenario")) {
                scenarios.computeIfAbsent(set, k -> new TreeMap<>()).computeIfAbsent(version, k -> new ArrayList<>())
                        .add(path);
            }
        });
        // A rule file outside any version folder, or in a version folder without a manifest, would be
        // silently ignored: refuse it so that what is on disk is what runs.
        drl.forEach((set, byVersion) -> byVersion.forEach((version, files) -> {
            if (!manifests.getOrDefault(set, Map.of()).containsKey(version)) {
                throw new RuleCompilationException(set, version, files.stream().map(f -> new RuleError(f, 0,
                        "this rule file belongs to no version: " + set + "/v" + version
                                + "/ruleset.properties (effective-from=yyyy-mm-dd) is missing")).toList());
            }
        }));
        if (!stray.isEmpty()) {
            throw new RuleCompilationException(stray.get(0).contains("/") ? stray.get(0).substring(0,
                    stray.get(0).indexOf('/')) : "(none)", 0, stray.stream().map(f -> new RuleError(f, 0,
                    "a rule file must sit in a version folder <set>/v<N>/ next to its ruleset.properties")).toList());
        }
        Map<String, List<RuleSetVersion>> result = new TreeMap<>();
        manifests.forEach((set, byVersion) -> byVersion.forEach((version, manifestPath) -> {
            Properties p = new Properties();
            try {
                p.load(new StringReader(source.files().get(manifestPath)));
            } catch (IOException | IllegalArgumentException e) {
                // Properties.load refuses a malformed unicode escape with IllegalArgumentException.
                throw new RuleCompilationException(set, version, List.of(new RuleError(manifestPath, 0,
                        "the manifest cannot be read: " + e.getMessage())));
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
            Map<String, String> defaults = new TreeMap<>();
            for (String name : p.stringPropertyNames()) {
                if (name.startsWith(SETTING_PREFIX)) {
                    defaults.put(name.substring(SETTING_PREFIX.length()), p.getProperty(name).trim());
                }
            }
            RuleSetVersion parsed;
            try {
                parsed = new RuleSetVersion(set, version, effective, p.getProperty("description", "").trim(), files,
                        scenarios.getOrDefault(set, Map.of()).getOrDefault(version, List.of()), defaults);
            } catch (org.loyaltyengine.spi.InvalidValueException e) {
                throw new RuleCompilationException(set, version, List.of(new RuleError(manifestPath, 0,
                        "a setting default is not valid: " + e.getMessage())));
            }
            result.computeIfAbsent(set, k -> new ArrayList<>()).add(parsed);
        }));
        result.values().forEach(list -> list.sort(Comparator.comparing(RuleSetVersion::effectiveFrom)
                .thenComparingInt(RuleSetVersion::version)));
        // Two versions in force from one day: which decides would depend on their numbers, not on a date
        // the analyst chose. Refused, so that the manifest says which policy runs when.
        result.forEach((set, list) -> {
            for (int i = 1; i < list.size(); i++) {
                RuleSetVersion a = list.get(i - 1);
                RuleSetVersion b = list.get(i);
                if (a.effectiveFrom().equals(b.effectiveFrom())) {
                    throw new RuleCompilationException(set, b.version(), List.of(new RuleError(b.folder()
                            + "/ruleset.properties", 0, "v" + a.version() + " and v" + b.version() + " of " + set
                            + " are both effective from " + b.effectiveFrom() + "; give each version its own date")));
                }
            }
        });
        return result;
    }

    /**
     * Every version of {@code source} compiled, each problem as data ({@link RuleSource#describe()}): what
     * the constructor and {@link #compile} would throw is caught and described instead.
     */
    public static RuleSourceDescription describe(RuleSource source) {
        RuleSetRegistry registry;
        try {
            registry = new RuleSetRegistry(source);
        } catch (RuleCompilationException e) {
            return new RuleSourceDescription(source.toString(), List.of(), problems(e, "(rule source)"));
        }
        List<RuleVersionDescription> versions = ParallelCompilation.inOrder(registry.all(), v -> {
            try {
                return new RuleVersionDescription(v, registry.compile(v).ruleNames(), List.of());
            } catch (RuleCompilationException e) {
                return new RuleVersionDescription(v, List.of(), problems(e, v.folder()));
            }
        });
        return new RuleSourceDescription(source.toString(), versions, List.of());
    }

    /** The errors the exception names; its message when it names none, so that a failure is never described as none. */
    private static List<RuleError> problems(RuleCompilationException e, String where) {
        return e.errors().isEmpty() ? List.of(new RuleError(where, 0, e.getMessage())) : e.errors();
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
        return compile(versionInForce(ruleSet, date));
    }

    /**
     * Which version of {@code ruleSet} is in force on {@code date}, without compiling it: an outcome
     * decided before any rule runs (a permission refusal) names the version but needs no KieBase.
     */
    public RuleSetVersion versionInForce(String ruleSet, LocalDate date) {
        RuleSetVersion chosen = null;
        for (RuleSetVersion v : versions.getOrDefault(ruleSet, List.of())) {
            if (!v.effectiveFrom().isAfter(date)) {
                chosen = v;
            }
        }
        if (chosen == null) {
            throw new NoRuleVersionInForceException(ruleSet, date);
        }
        return chosen;
    }

    /** A specific version, compiled (for scenarios and what-if runs). */
    public Compiled version(String ruleSet, int version) {
        return versions.getOrDefault(ruleSet, List.of()).stream().filter(v -> v.version() == version).findFirst()
                .map(this::compile)
                .orElseThrow(() -> new NoRuleVersionInForceException(ruleSet + " v" + version, LocalDate.MAX));
    }

    public Compiled compile(RuleSetVersion v) {
        Compiled done = compiled.get(v.folder());
        if (done != null) {
            return done;
        }
        // Built outside the map's lock: a ConcurrentHashMap blocks every key of a bin while one computes, which
        // would put versions compiled at once behind each other.
        SessionPool sessions = compiledOfSource.get(v.folder(), () -> new SessionPool(build(v)));
        return compiled.computeIfAbsent(v.folder(), k -> new Compiled(v, sessions, limits));
    }

    /**
     * Every version compiled, side by side on the machine's processors ({@link ParallelCompilation}): throws what
     * compiling them one after another in {@link #all()} order would, the first failing version's exception.
     */
    public void compileAll() {
        ParallelCompilation.inOrder(all(), this::compile);
    }

    private KieBase build(RuleSetVersion v) {
        // Parse once, check the parsed descriptors against the allowlist, and compile exactly those
        // descriptors: what the gate read is what runs, with no second parse that could read otherwise.
        List<SafeRuleGate.Source> parsed = new ArrayList<>();
        List<RuleError> syntax = new ArrayList<>();
        for (String file : v.drlFiles()) {
            String text = source.files().get(file);
            ByteArrayResource resource = new ByteArrayResource(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            resource.setSourcePath(file);
            DrlParser parser = new DrlParser();
            PackageDescr descr;
            try {
                descr = parser.parse(resource, new StringReader(text));
            } catch (DroolsParserException e) {
                syntax.add(new RuleError(file, 0, e.getMessage().trim()));
                continue;
            }
            for (DroolsError e : parser.getErrors()) {
                int line = e.getLines() != null && e.getLines().length > 0 ? e.getLines()[0] : 0;
                syntax.add(new RuleError(file, line, e.getMessage().trim()));
            }
            if (!parser.hasErrors() && descr != null) {
                parsed.add(new SafeRuleGate.Source(file, text, descr));
            }
        }
        if (!syntax.isEmpty()) {
            throw new RuleCompilationException(v.ruleSet(), v.version(), syntax);
        }
        List<RuleError> unsafe = SafeRuleGate.check(parsed);
        if (!unsafe.isEmpty()) {
            throw new UnsafeRuleException(v.ruleSet(), v.version(), unsafe);
        }
        KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
        for (SafeRuleGate.Source file : parsed) {
            DescrResource resource = new DescrResource(file.descr());
            resource.setSourcePath(file.path());
            kb.add(resource, ResourceType.DESCR);
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
        return kb.newKieBase();
    }
}

package org.loyaltyengine.scenarios;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleCompilationException;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.RuleSourceDescription;
import org.loyaltyengine.RuleVersionDescription;
import org.loyaltyengine.RuleRefusalException;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Runs the scenario files kept beside the rules ({@code <set>/v<N>/scenarios/*.scenario}) against
 * the very version they sit in (SPEC X-11). Each case runs in a tenant of its own on an in-memory
 * store, with an engine that sees only that version, dated by default on the version's effective-from.
 *
 * <p>The format, one step per line:
 * <pre>
 * # comment
 * scenario: title                    starts a case
 * date: 2026-03-14                   business date of the following steps
 * actor: user perm1 perm2            acting user and permissions of the following steps
 * advance: PT13H                     moves the engine's clock on (reservations expire with it)
 * verb key=value key="two words"     a command, run by the rule set's {@link ScenarioDriver}
 * expect applied                     the last command was applied
 * expect rejected CODE               ... was rejected with this reason code
 * expect error CODE                  ... failed with a typed error of this code
 * expect fired "rule name" ...       ... fired these rules (and maybe others); of a typed error the rules
 *                                    decided while the command read its context, the rules that refused
 * expect fired exactly "a" "b"       ... fired exactly these rules, no other
 * expect value name=value            ... produced this program value
 * check what key=value expect=value  a query answered by the driver
 * </pre>
 */
public final class ScenarioRunner {
    private final Map<String, ScenarioDriver> drivers = new HashMap<>();

    /** A runner with every driver registered through {@link ServiceLoader}. */
    public ScenarioRunner() {
        for (ScenarioDriver d : ServiceLoader.load(ScenarioDriver.class, ScenarioRunner.class.getClassLoader())) {
            drivers.put(d.ruleSet(), d);
        }
    }

    /** Runs every scenario of every version in the source. */
    public List<ScenarioResult> runAll(RuleSource source) {
        LoyaltyEngine probe = LoyaltyEngine.builder().rules(source).build();
        List<ScenarioResult> results = new ArrayList<>();
        for (RuleSetVersion v : probe.ruleSets()) {
            results.addAll(run(source, v));
        }
        return results;
    }

    /** Runs the scenarios of one version. A version without scenario files fails: every version needs them. */
    public List<ScenarioResult> run(RuleSource source, RuleSetVersion version) {
        if (version.scenarioFiles().isEmpty()) {
            return List.of(new ScenarioResult(version.folder(), 0, "(scenarios)",
                    "the version has no scenarios/*.scenario file"));
        }
        List<ScenarioResult> results = new ArrayList<>();
        // One engine per version, so its rules compile once; each case gets a tenant of its own,
        // which the store keeps as apart as a fresh store would.
        Instant start = version.effectiveFrom().atTime(9, 0).toInstant(ZoneOffset.UTC);
        ScenarioClock clock = new ScenarioClock(start);
        InMemoryStore store = new InMemoryStore();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(source.only(version.folder()))
                .clock(clock).build();
        int n = 0;
        for (String file : version.scenarioFiles()) {
            for (Case c : parse(file, source.files().get(file))) {
                clock.now = start;
                results.add(runCase(engine, store, clock, TenantId.of("scenario-" + (++n)), version, c));
            }
        }
        return results;
    }

    /**
     * The rules of {@code version} that no scenario of the version names in an {@code expect fired}
     * line, sorted: each one is a decision nobody has proven (empty when every rule is named).
     *
     * @throws RuleCompilationException naming the version's problems if it does not compile
     */
    public List<String> rulesNamedByNoScenario(RuleSource source, RuleSetVersion version) {
        Set<String> named = rulesNamed(source, version);
        // The version alone, compiled and described as the engine would compile it.
        RuleSourceDescription described = source.only(version.folder()).describe();
        if (!described.compiles()) {
            throw new RuleCompilationException(version.ruleSet(), version.version(), described.allProblems());
        }
        RuleVersionDescription compiled = described.versions().stream()
                .filter(v -> v.version().folder().equals(version.folder())).findFirst()
                .orElseThrow(() -> new ScenarioException(version.folder() + " is not a version of " + source));
        return compiled.rules().stream().filter(r -> !named.contains(r)).toList();
    }

    /**
     * The rule names the scenarios of {@code version} name in an {@code expect fired} line, sorted; read from
     * the scenario files alone, nothing compiled (a tool that has compiled the version already compares them
     * with its rules).
     *
     * @throws ScenarioException naming file and line when a scenario file cannot be read as steps
     */
    public Set<String> rulesNamed(RuleSource source, RuleSetVersion version) {
        Set<String> named = new java.util.TreeSet<>();
        for (String file : version.scenarioFiles()) {
            for (Case c : parse(file, source.files().get(file))) {
                for (Step step : c.steps()) {
                    List<String> w = step.words();
                    if (w.size() > 2 && w.get(0).equals("expect") && w.get(1).equals("fired")) {
                        named.addAll(w.subList(w.get(2).equals("exactly") ? 3 : 2, w.size()));
                    }
                }
            }
        }
        return java.util.Collections.unmodifiableSet(named);
    }

    private record Step(int line, List<String> words) {
    }

    private record Case(String file, int line, String title, List<Step> steps) {
    }

    private static List<Case> parse(String file, String text) {
        List<Case> cases = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        Case current = null;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i].strip();
            if (raw.isEmpty() || raw.startsWith("#")) {
                continue;
            }
            if (raw.startsWith("scenario:")) {
                current = new Case(file, i + 1, raw.substring("scenario:".length()).strip(), new ArrayList<>());
                cases.add(current);
                continue;
            }
            if (current == null) {
                throw new ScenarioException(file + ":" + (i + 1) + ": a step before the first 'scenario:' line");
            }
            current.steps().add(new Step(i + 1, tokenize(raw, file, i + 1)));
        }
        return cases;
    }

    /** Splits on blanks, keeping "quoted text" (also after key=) as one word without its quotes. */
    static List<String> tokenize(String line, String file, int lineNo) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(ch) && !quoted) {
                if (any) {
                    words.add(w.toString());
                    w.setLength(0);
                    any = false;
                }
            } else {
                w.append(ch);
                any = true;
            }
        }
        if (quoted) {
            throw new ScenarioException(file + ":" + lineNo + ": unbalanced quote");
        }
        if (any) {
            words.add(w.toString());
        }
        return words;
    }

    /** The engine's clock: fixed, except where a case moves it on with {@code advance:}. */
    private static final class ScenarioClock extends Clock {
        private volatile Instant now;

        ScenarioClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return Clock.fixed(now, zone);
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private ScenarioResult runCase(LoyaltyEngine engine, LoyaltyStore store, ScenarioClock clock, TenantId tenant,
                                   RuleSetVersion version, Case c) {
        ScenarioDriver driver = drivers.get(version.ruleSet());
        if (driver == null) {
            return new ScenarioResult(c.file(), c.line(), c.title(), "no ScenarioDriver registered for rule set "
                    + version.ruleSet());
        }
        LocalDate date = version.effectiveFrom();
        Actor actor = Actor.of("scenario");
        Outcome last = null;
        LoyaltyException lastError = null;
        // The last command's error, kept after 'expect error' checked it, for 'expect fired' of a refusal.
        LoyaltyException failed = null;
        int n = 0;
        for (Step step : c.steps()) {
            List<String> w = step.words();
            String head = w.get(0);
            try {
                switch (head) {
                    case "date:" -> date = LocalDate.parse(word(w, 1, step));
                    case "actor:" -> actor = new Actor(word(w, 1, step), Set.copyOf(w.subList(2, w.size())));
                    case "advance:" -> clock.now = clock.now.plus(Duration.parse(word(w, 1, step)));
                    case "expect" -> {
                        expect(w, last, w.get(1).equals("fired") ? failed : lastError, step);
                        if (w.get(1).equals("error")) {
                            lastError = null;
                        }
                    }
                    case "check" -> {
                        Map<String, String> args = args(w.subList(2, w.size()), step);
                        String expected = args.remove("expect");
                        if (expected == null) {
                            throw new ScenarioException("check needs expect=<value>");
                        }
                        String actual = driver.check(engine, tenant, word(w, 1, step), args);
                        if (!same(expected, actual)) {
                            throw new AssertionError("check " + w.get(1) + ": expected " + expected + ", was " + actual);
                        }
                    }
                    default -> {
                        if (lastError != null) {
                            throw new AssertionError("the command before failed with " + lastError.code()
                                    + " and no 'expect error' step checked it: " + lastError.getMessage());
                        }
                        CommandContext ctx = CommandContext.of(tenant, actor, "scenario-" + (++n), date);
                        last = null;
                        lastError = null;
                        failed = null;
                        try {
                            last = driver.command(engine, store, ctx, head, args(w.subList(1, w.size()), step));
                        } catch (ScenarioException e) {
                            throw e;
                        } catch (LoyaltyException e) {
                            lastError = e;
                            failed = e;
                        }
                    }
                }
            } catch (AssertionError | LoyaltyException | java.time.DateTimeException e) {
                return new ScenarioResult(c.file(), step.line(), c.title(), "line " + step.line() + ": " + e.getMessage(),
                        fired(last, failed));
            }
        }
        if (lastError != null) {
            return new ScenarioResult(c.file(), c.line(), c.title(), "the last command failed with "
                    + lastError.code() + " and no 'expect error' step checked it: " + lastError.getMessage(),
                    fired(last, failed));
        }
        return new ScenarioResult(c.file(), c.line(), c.title(), null);
    }

    /** The rules the last command fired: of its outcome, or of the rules' refusal when it returned none. */
    private static List<String> fired(Outcome last, LoyaltyException failed) {
        if (last != null) {
            return last.rulesFired();
        }
        return failed instanceof RuleRefusalException refused ? refused.rulesFired() : List.of();
    }

    private static void expect(List<String> w, Outcome last, LoyaltyException lastError, Step step) {
        String what = word(w, 1, step);
        if (what.equals("error")) {
            String code = word(w, 2, step);
            if (lastError == null || !lastError.code().equals(code)) {
                throw new AssertionError("expected error " + code + ", was "
                        + (lastError == null ? "no error" : lastError.code() + ": " + lastError.getMessage()));
            }
            return;
        }
        if (last == null) {
            if (what.equals("fired") && lastError instanceof RuleRefusalException refused) {
                // Refused by the rules before anything was written: no outcome, but the rules that decided.
                fired(w, refused.rulesFired(), step);
                return;
            }
            throw new AssertionError("expect " + what + " needs a command before it that returned an outcome"
                    + (lastError == null ? "" : "; it failed with " + lastError.code() + ": " + lastError.getMessage()));
        }
        switch (what) {
            case "applied" -> {
                if (!last.applied()) {
                    throw new AssertionError("expected applied, was rejected " + last.rejections());
                }
            }
            case "rejected" -> {
                String code = word(w, 2, step);
                if (!last.reasonCodes().contains(code)) {
                    throw new AssertionError("expected rejected " + code + ", was "
                            + (last.applied() ? "applied" : last.reasonCodes()));
                }
            }
            case "fired" -> fired(w, last.rulesFired(), step);
            case "value" -> {
                args(w.subList(2, w.size()), step).forEach((name, expected) -> {
                    String actual = last.values().get(name);
                    if (!same(expected, actual)) {
                        throw new AssertionError("expected value " + name + "=" + expected + ", was " + actual);
                    }
                });
            }
            default -> throw new ScenarioException("unknown expectation '" + what
                    + "'; use applied, rejected, error, fired or value");
        }
    }

    private static void fired(List<String> w, List<String> rulesFired, Step step) {
        if (word(w, 2, step).equals("exactly")) {
            // The whole set, as droolsassert's "exactly": a rule firing that the case did not
            // name is as much a change of behaviour as a named one that stays silent.
            java.util.Set<String> expected = new java.util.TreeSet<>(w.subList(3, w.size()));
            java.util.Set<String> actual = new java.util.TreeSet<>(rulesFired);
            if (!expected.equals(actual)) {
                java.util.Set<String> missing = new java.util.TreeSet<>(expected);
                missing.removeAll(actual);
                java.util.Set<String> extra = new java.util.TreeSet<>(actual);
                extra.removeAll(expected);
                throw new AssertionError("expected exactly the rules " + expected + " to fire; "
                        + (missing.isEmpty() ? "" : "did not fire " + missing + (extra.isEmpty() ? "" : "; "))
                        + (extra.isEmpty() ? "" : "fired besides " + extra));
            }
            return;
        }
        for (String rule : w.subList(2, w.size())) {
            if (!rulesFired.contains(rule)) {
                throw new AssertionError("expected rule \"" + rule + "\" to fire; fired " + rulesFired);
            }
        }
    }

    private static String word(List<String> w, int i, Step step) {
        if (w.size() <= i) {
            throw new ScenarioException("line " + step.line() + ": '" + String.join(" ", w) + "' is incomplete");
        }
        return w.get(i);
    }

    private static Map<String, String> args(List<String> words, Step step) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new ScenarioException("line " + step.line() + ": '" + word + "' is not key=value");
            }
            args.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return args;
    }

    /** Text equality, or numeric equality when both sides are numbers (so 5 equals 5.00). */
    static boolean same(String expected, String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        if (actual == null) {
            return false;
        }
        try {
            return new BigDecimal(expected).compareTo(new BigDecimal(actual)) == 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

}

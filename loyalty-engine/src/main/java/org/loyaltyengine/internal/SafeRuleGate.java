package org.loyaltyengine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.drools.drl.ast.descr.AccumulateDescr;
import org.drools.drl.ast.descr.AndDescr;
import org.drools.drl.ast.descr.AnnotatedBaseDescr;
import org.drools.drl.ast.descr.AttributeDescr;
import org.drools.drl.ast.descr.BaseDescr;
import org.drools.drl.ast.descr.CollectDescr;
import org.drools.drl.ast.descr.EvalDescr;
import org.drools.drl.ast.descr.ExistsDescr;
import org.drools.drl.ast.descr.ExprConstraintDescr;
import org.drools.drl.ast.descr.ForallDescr;
import org.drools.drl.ast.descr.FromDescr;
import org.drools.drl.ast.descr.FunctionDescr;
import org.drools.drl.ast.descr.ImportDescr;
import org.drools.drl.ast.descr.NotDescr;
import org.drools.drl.ast.descr.OrDescr;
import org.drools.drl.ast.descr.PackageDescr;
import org.drools.drl.ast.descr.PatternDescr;
import org.drools.drl.ast.descr.PatternSourceDescr;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.drl.ast.descr.TypeDeclarationDescr;
import org.drools.drl.ast.descr.TypeFieldDescr;
import org.loyaltyengine.RuleError;
import org.loyaltyengine.internal.RuleAllowlist.Resolved;
import org.loyaltyengine.internal.RuleCodeCheck.Ctx;
import org.loyaltyengine.internal.RuleCodeCheck.Kind;

/**
 * Refuses a rule file that could reach outside its facts, before it is compiled (SPEC X-11).
 *
 * <p>Rule files are policy that analysts edit in a folder; what they may use is an ALLOWLIST, applied
 * to syntax trees, never to text: the Drools descriptor model gives the file's structure (package,
 * imports, globals, declared types, functions, rules with their attributes, conditions and
 * consequences) and a Java parser reads every piece of code in it (consequences, function bodies,
 * constraints, evals, {@code from} and accumulate expressions). Whatever the gate cannot parse or does
 * not know is refused, so a construct it was not taught about is a refusal, never a hole.
 *
 * <p>Allowed: the fact model ({@code org.loyaltyengine.rules.facts}) and {@code org.loyaltyengine.spi.EntryKind};
 * the value types in {@link RuleAllowlist#ALLOWED_TYPES}; public methods of allowed values; static methods and
 * constants of allowed types except those that read the machine ({@link RuleAllowlist#FORBIDDEN_STATIC}); functions
 * of the rule set's own packages, without recursion; {@code insert(new Fact(...))}; if, for-each, return,
 * local variables. Everything else is refused with {@code file:line: reason}. See docs/architecture.md,
 * "Rules".
 *
 * <p>This class walks the file's structure and gathers what the whole version declares (functions, declared
 * types, which function calls which); {@link RuleAllowlist} says what may be named, {@link RuleScope} what a
 * name means in one file, {@link RuleCodeCheck} reads the code inside and {@link RuleSizeCheck} bounds what
 * one call may build.
 */
final class SafeRuleGate {
    /** Rule attributes and what their values may be. */
    private static final Map<String, Pattern> ATTRIBUTES = Map.ofEntries(
            Map.entry("salience", Pattern.compile("-?\\d{1,9}")),
            Map.entry("no-loop", Pattern.compile("true|false|")),
            Map.entry("lock-on-active", Pattern.compile("true|false|")),
            Map.entry("auto-focus", Pattern.compile("true|false|")),
            Map.entry("enabled", Pattern.compile("true|false")),
            Map.entry("dialect", Pattern.compile("java")),
            Map.entry("agenda-group", Pattern.compile(".*")),
            Map.entry("activation-group", Pattern.compile(".*")),
            Map.entry("ruleflow-group", Pattern.compile(".*")),
            Map.entry("date-effective", Pattern.compile(".*")),
            Map.entry("date-expires", Pattern.compile(".*")));

    private static final Pattern PACKAGE = Pattern.compile("org\\.loyaltyengine\\.rules\\.[a-z][a-z0-9]*");
    private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u+[0-9a-fA-F]{4}");
    private static final Pattern BINDING = Pattern.compile("^\\s*(\\$?[A-Za-z_][A-Za-z0-9_$]*)\\s*:=?(?![:=])\\s*");

    /** One parsed file of a version. */
    record Source(String path, String text, PackageDescr descr) {
    }

    private final List<RuleError> errors = new ArrayList<>();
    /** Function name -> functions it calls, over every package of the version (for the recursion check). */
    private final Map<String, Set<String>> calls = new LinkedHashMap<>();
    private final Map<String, Set<String>> functionsByPackage = new HashMap<>();
    private final Map<String, Map<String, Set<String>>> declaredByPackage = new HashMap<>();

    private SafeRuleGate() {
    }

    /** Every refusal for the files of one version, in file and line order; empty if the version may compile. */
    static List<RuleError> check(List<Source> files) {
        SafeRuleGate gate = new SafeRuleGate();
        for (Source f : files) {
            String pkg = f.descr().getName() == null ? "" : f.descr().getName();
            for (FunctionDescr fn : f.descr().getFunctions()) {
                gate.functionsByPackage.computeIfAbsent(pkg, k -> new HashSet<>()).add(fn.getName());
            }
            for (TypeDeclarationDescr t : f.descr().getTypeDeclarations()) {
                gate.declaredByPackage.computeIfAbsent(pkg, k -> new HashMap<>()).put(t.getTypeName(),
                        t.getFields().keySet());
            }
        }
        for (Source f : files) {
            gate.file(f);
        }
        gate.recursion(files);
        List<RuleError> sorted = new ArrayList<>(new LinkedHashSet<>(gate.errors));
        sorted.sort(java.util.Comparator.comparing(RuleError::file).thenComparingInt(RuleError::line));
        return sorted;
    }

    // ------------------------------------------------------------------ the file's structure

    private void file(Source f) {
        PackageDescr p = f.descr();
        Matcher escape = UNICODE_ESCAPE.matcher(f.text());
        while (escape.find()) {
            refuse(f, SourceLines.lineAt(f.text(), escape.start()), "the unicode escape " + escape.group()
                    + " is not allowed in a rule file: the Java compiler decodes it anywhere, even in comments; "
                    + "write the character itself");
        }
        String pkg = p.getName() == null ? "" : p.getName();
        if (!PACKAGE.matcher(pkg).matches() || pkg.equals(RuleAllowlist.FACTS_PACKAGE)) {
            refuse(f, Math.max(p.getLine(), 1), "package '" + pkg + "' is not allowed: a rule file's package is "
                    + "org.loyaltyengine.rules.<name> (lower case, not 'facts'), so that no name in it resolves "
                    + "to a class of the engine or the JDK");
        }
        if (p.getUnit() != null) {
            refuse(f, p.getUnit().getLine(), "rule units are not allowed in a rule file");
        }
        RuleScope scope = new RuleScope(f, pkg, this);
        for (ImportDescr i : p.getImports()) {
            scope.addImport(i);
        }
        p.getFunctionImports().forEach(i -> refuse(f, i.getLine(), "'import function " + i.getTarget()
                + "' is not allowed: a rule file may call only its own functions"));
        p.getAccumulateImports().forEach(i -> refuse(f, i.getLine(), "'import accumulate " + i.getTarget()
                + "' is not allowed: only the built-in accumulate functions "
                + sorted(RuleAllowlist.ACCUMULATE_FUNCTIONS)));
        p.getGlobals().forEach(g -> refuse(f, g.getLine(), "global '" + g.getIdentifier() + "' is not allowed: the "
                + "engine sets no globals and a global on a shared session would leak between commands; "
                + "read values from facts"));
        p.getEnumDeclarations().forEach(e -> refuse(f, e.getLine(), "'declare enum " + e.getTypeName()
                + "' is not allowed in a rule file"));
        p.getEntryPointDeclarations().forEach(e -> refuse(f, e.getLine(), "entry-point declarations are not allowed"));
        p.getWindowDeclarations().forEach(w -> refuse(f, w.getLine(), "window declarations are not allowed"));
        for (AttributeDescr a : p.getAttributes()) {
            attribute(f, a, "package");
        }
        for (TypeDeclarationDescr t : p.getTypeDeclarations()) {
            declaredType(scope, t);
        }
        for (FunctionDescr fn : p.getFunctions()) {
            function(scope, fn);
        }
        for (RuleDescr r : p.getRules()) {
            rule(scope, r);
        }
    }

    private void attribute(Source f, AttributeDescr a, String where) {
        Pattern allowed = ATTRIBUTES.get(a.getName());
        String value = a.getValue() == null ? "" : a.getValue().trim();
        if (allowed == null) {
            refuse(f, a.getLine(), "the " + where + " attribute '" + a.getName() + "' is not allowed: rule files may use "
                    + sorted(ATTRIBUTES.keySet()) + (a.getName().equals("dialect") ? "" : " (timers and calendars "
                    + "would run rules outside the command)"));
        } else if (!allowed.matcher(value).matches()) {
            refuse(f, a.getLine(), "the " + where + " attribute " + a.getName() + " \"" + value + "\" is not allowed: "
                    + switch (a.getName()) {
                        case "dialect" -> "only the java dialect is checked and allowed (MVEL can call anything)";
                        case "salience" -> "salience must be a whole number, not an expression";
                        default -> "it must be true or false";
                    });
        }
    }

    private void declaredType(RuleScope scope, TypeDeclarationDescr t) {
        Source f = scope.file;
        String name = t.getTypeName();
        if (scope.resolveBuiltin(name).isPresent() || RuleAllowlist.classExists("java.lang." + name)) {
            refuse(f, t.getLine(), "declared type '" + name + "' would hide a type of the same name; choose another name");
        }
        if (!t.getSuperTypes().isEmpty()) {
            refuse(f, t.getLine(), "declared type '" + name + "' may not extend " + t.getSuperTypes().get(0).getFullName()
                    + ": declared types are plain values");
        }
        annotations(f, t, "declared type '" + name + "'");
        for (TypeFieldDescr field : t.getFields().values()) {
            int line = field.getLine() > 0 ? field.getLine() : t.getLine();
            annotations(f, field, "field '" + field.getFieldName() + "'");
            String type = field.getPattern() == null ? null : field.getPattern().getObjectType();
            if (type == null) {
                refuse(f, line, "field '" + field.getFieldName() + "' has no type");
            } else {
                scope.typeName(type, line, "field '" + field.getFieldName() + "'");
            }
            if (field.getInitExpr() != null && !field.getInitExpr().isBlank()) {
                RuleCodeCheck.expression(new Ctx(scope, Kind.EXPRESSION, line, null, Set.of(), null),
                        field.getInitExpr());
            }
        }
    }

    private void annotations(Source f, BaseDescr d, String what) {
        if (d instanceof AnnotatedBaseDescr a && !a.getAnnotationNames().isEmpty()) {
            refuse(f, d.getLine(), "annotation @" + a.getAnnotationNames().iterator().next() + " on " + what
                    + " is not allowed in a rule file");
        }
    }

    private void function(RuleScope scope, FunctionDescr fn) {
        Source f = scope.file;
        String id = scope.pkg + "." + fn.getName();
        calls.computeIfAbsent(id, k -> new LinkedHashSet<>());
        if (fn.getDialect() != null && !fn.getDialect().equals("java")) {
            refuse(f, fn.getLine(), "function '" + fn.getName() + "' uses the " + fn.getDialect() + " dialect; only java "
                    + "is allowed");
        }
        if (fn.getReturnType() != null) {
            scope.typeName(fn.getReturnType(), fn.getLine(), "the return type of function '" + fn.getName() + "'");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fn.getParameterNames().size(); i++) {
            scope.typeName(fn.getParameterTypes().get(i), fn.getLine(), "parameter '" + fn.getParameterNames().get(i)
                    + "' of function '" + fn.getName() + "'");
            String param = fn.getParameterNames().get(i);
            if (!RuleScope.plainName(param)) {
                refuse(f, fn.getLine(), "parameter '" + param + "' of function '" + fn.getName() + "': names in a rule "
                        + "file start with a lower-case letter or '$', so that none can hide a type");
            }
            names.add(param);
        }
        String body = fn.getBody() == null ? "" : fn.getBody();
        int line = SourceLines.lineOfText(f.text(), Math.max(fn.getStartCharacter(), 0), body, fn.getLine());
        RuleCodeCheck.block(new Ctx(scope, Kind.FUNCTION, line, null, names, id), body);
    }

    private void rule(RuleScope scope, RuleDescr r) {
        Source f = scope.file;
        String what = r.isQuery() ? "query" : "rule";
        if (r.isQuery()) {
            refuse(f, r.getLine(), "query '" + r.getName() + "' is not allowed in a rule file: the engine runs no queries");
            return;
        }
        annotations(f, r, what + " '" + r.getName() + "'");
        for (AttributeDescr a : r.getAttributes().values()) {
            attribute(f, a, "rule");
        }
        if (!r.getNamedConsequences().isEmpty()) {
            refuse(f, r.getLine(), "rule '" + r.getName() + "' has named consequences, which are not allowed");
        }
        Map<String, Integer> bound = new LinkedHashMap<>();
        collectBindings(r.getLhs(), bound, r.getLine());
        Set<String> bindings = bound.keySet();
        for (String b : bindings) {
            if (!RuleScope.plainName(b)) {
                refuse(f, bound.get(b), "the binding '" + b + "' in rule '" + r.getName() + "' is not allowed: names in a "
                        + "rule file start with a lower-case letter or '$', so that none can hide a type");
            }
        }
        lhs(scope, r.getLhs(), bindings, r.getLine());
        Object consequence = r.getConsequence();
        String text = consequence == null ? "" : consequence.toString();
        if (!text.isBlank()) {
            int line = SourceLines.lineOfText(f.text(), SourceLines.lineStart(f.text(), r.getConsequenceLine()), text,
                    r.getConsequenceLine());
            RuleCodeCheck.block(new Ctx(scope, Kind.CONSEQUENCE, line, null, bindings, null), text);
        }
    }

    private static void collectBindings(BaseDescr d, Map<String, Integer> into, int line) {
        int at = d.getLine() > 0 ? d.getLine() : line;
        if (d instanceof PatternDescr p) {
            if (p.getIdentifier() != null) {
                into.putIfAbsent(p.getIdentifier(), at);
            }
            for (BaseDescr c : p.getDescrs()) {
                if (c instanceof ExprConstraintDescr e) {
                    Matcher m = BINDING.matcher(e.getExpression());
                    if (m.find()) {
                        into.putIfAbsent(m.group(1), e.getLine() > 0 ? e.getLine() : at);
                    }
                }
            }
            if (p.getSource() != null) {
                collectBindings(p.getSource(), into, at);
            }
        } else if (d instanceof AccumulateDescr a) {
            if (a.getInput() != null) {
                collectBindings(a.getInput(), into, at);
            }
            a.getFunctions().forEach(fn -> {
                if (fn.getBind() != null) {
                    into.putIfAbsent(fn.getBind(), at);
                }
            });
        } else if (d instanceof CollectDescr c) {
            collectBindings(c.getInputPattern(), into, at);
        } else if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr
                || d instanceof ForallDescr) {
            for (Object c : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                collectBindings((BaseDescr) c, into, at);
            }
        }
    }

    private void lhs(RuleScope scope, BaseDescr d, Set<String> bindings, int ruleLine) {
        Source f = scope.file;
        int line = d.getLine() > 0 ? d.getLine() : ruleLine;
        if (d instanceof AndDescr || d instanceof OrDescr || d instanceof NotDescr || d instanceof ExistsDescr
                || d instanceof ForallDescr) {
            for (Object c : ((org.drools.drl.ast.descr.ConditionalElementDescr) d).getDescrs()) {
                lhs(scope, (BaseDescr) c, bindings, line);
            }
        } else if (d instanceof PatternDescr p) {
            pattern(scope, p, bindings, line);
        } else if (d instanceof EvalDescr e) {
            RuleCodeCheck.expression(new Ctx(scope, Kind.EXPRESSION, line, null, bindings, null),
                    String.valueOf(e.getContent()));
        } else {
            refuse(f, line, "'" + describe(d) + "' is not allowed in a rule's conditions");
        }
    }

    private void pattern(RuleScope scope, PatternDescr p, Set<String> bindings, int line) {
        Source f = scope.file;
        if (p.isQuery()) {
            refuse(f, line, "calling query '" + p.getObjectType() + "' is not allowed");
            return;
        }
        if (!p.getBehaviors().isEmpty()) {
            refuse(f, line, "sliding windows are not allowed in a rule's conditions");
        }
        Optional<Resolved> type = scope.typeName(p.getObjectType(), line, "pattern " + p.getObjectType());
        for (BaseDescr c : p.getDescrs()) {
            int at = c.getLine() > 0 ? c.getLine() : line;
            if (c instanceof ExprConstraintDescr e) {
                String expr = e.getExpression();
                Matcher m = BINDING.matcher(expr);
                String rest = m.find() ? expr.substring(m.end()) : expr;
                if (rest.isBlank()) {
                    continue;
                }
                RuleCodeCheck.expression(new Ctx(scope, Kind.CONSTRAINT, at, type.orElse(null), bindings, null), rest);
            } else {
                refuse(f, at, "'" + describe(c) + "' is not allowed in a pattern");
            }
        }
        PatternSourceDescr source = p.getSource();
        if (source == null) {
            return;
        }
        int at = source.getLine() > 0 ? source.getLine() : line;
        if (source instanceof CollectDescr c) {
            pattern(scope, c.getInputPattern(), bindings, at);
        } else if (source instanceof AccumulateDescr a) {
            if (a.getInitCode() != null || a.getActionCode() != null || a.getReverseCode() != null
                    || a.getResultCode() != null) {
                refuse(f, at, "accumulate with its own init/action/reverse/result code is not allowed; use one of the "
                        + "built-in functions " + sorted(RuleAllowlist.ACCUMULATE_FUNCTIONS));
            }
            if (a.getInput() == null) {
                refuse(f, at, "accumulate without an input pattern is not allowed");
            } else {
                lhs(scope, a.getInput(), bindings, at);
            }
            for (AccumulateDescr.AccumulateFunctionCallDescr fn : a.getFunctions()) {
                if (!RuleAllowlist.ACCUMULATE_FUNCTIONS.contains(fn.getFunction())) {
                    refuse(f, at, "accumulate function '" + fn.getFunction() + "' is not allowed; use one of "
                            + sorted(RuleAllowlist.ACCUMULATE_FUNCTIONS));
                }
                for (String param : fn.getParams()) {
                    RuleCodeCheck.expression(new Ctx(scope, Kind.EXPRESSION, at, null, bindings, null), param);
                }
            }
        } else if (source instanceof FromDescr from) {
            RuleCodeCheck.expression(new Ctx(scope, Kind.EXPRESSION, at, null, bindings, null), from.getExpression());
        } else {
            refuse(f, at, "'" + describe(source) + "' is not allowed as the source of a pattern");
        }
    }

    private void recursion(List<Source> files) {
        Map<String, Source> where = new HashMap<>();
        Map<String, Integer> lines = new HashMap<>();
        for (Source f : files) {
            for (FunctionDescr fn : f.descr().getFunctions()) {
                String id = f.descr().getName() + "." + fn.getName();
                where.put(id, f);
                lines.put(id, fn.getLine());
            }
        }
        for (String start : calls.keySet()) {
            if (reaches(start, start, new HashSet<>())) {
                refuse(where.get(start), lines.get(start), "function '" + start.substring(start.lastIndexOf('.') + 1)
                        + "' calls itself, directly or through other functions: a rule file may not recurse, so "
                        + "that every evaluation ends");
            }
        }
    }

    private boolean reaches(String from, String target, Set<String> seen) {
        for (String next : calls.getOrDefault(from, Set.of())) {
            if (next.equals(target)) {
                return true;
            }
            if (seen.add(next) && reaches(next, target, seen)) {
                return true;
            }
        }
        return false;
    }

    void refuse(Source f, int line, String reason) {
        errors.add(new RuleError(f.path(), Math.max(line, 0), reason));
    }

    /** The functions of a package, over every file of the version. */
    Set<String> functionsIn(String pkg) {
        return functionsByPackage.getOrDefault(pkg, Set.of());
    }

    /** The types a package declares, with their fields, over every file of the version. */
    Map<String, Set<String>> declaredIn(String pkg) {
        return declaredByPackage.getOrDefault(pkg, Map.of());
    }

    /** Records a call from one function to another, both named {@code package.function}, for the recursion check. */
    void called(String function, String callee) {
        calls.computeIfAbsent(function, k -> new LinkedHashSet<>()).add(callee);
    }

    private static String describe(BaseDescr d) {
        return d.getClass().getSimpleName().replace("Descr", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    private static String sorted(Set<String> s) {
        return new java.util.TreeSet<>(s).toString();
    }
}

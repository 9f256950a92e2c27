package org.loyaltyengine.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
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

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.InstanceOfExpr;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.BreakStmt;
import com.github.javaparser.ast.stmt.ContinueStmt;
import com.github.javaparser.ast.stmt.EmptyStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VarType;
import com.github.javaparser.ast.type.VoidType;
import com.github.javaparser.ast.type.WildcardType;

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
 * the value types in {@link #ALLOWED_TYPES}; public methods of allowed values; static methods and
 * constants of allowed types except those that read the machine ({@link #FORBIDDEN_STATIC}); functions
 * of the rule set's own packages, without recursion; {@code insert(new Fact(...))}; if, for-each, return,
 * local variables. Everything else is refused with {@code file:line: reason}. See docs/architecture.md,
 * "Rules".
 */
final class SafeRuleGate {
    static final String FACTS_PACKAGE = "org.loyaltyengine.rules.facts";

    /** Types a rule file may name besides the fact model. */
    static final Set<String> ALLOWED_TYPES = Set.of(
            "java.lang.Object", "java.lang.String", "java.lang.CharSequence", "java.lang.Boolean",
            // No Float, Double or Math: money and points are BigDecimal, and a binary fraction in a
            // rule would round a ledger amount the analyst never sees.
            "java.lang.Character", "java.lang.Byte", "java.lang.Short", "java.lang.Integer", "java.lang.Long",
            "java.lang.Number",
            "java.math.BigDecimal", "java.math.BigInteger", "java.math.MathContext", "java.math.RoundingMode",
            "java.time.LocalDate", "java.time.LocalTime", "java.time.LocalDateTime", "java.time.Instant",
            "java.time.Duration", "java.time.Period", "java.time.Year", "java.time.YearMonth",
            "java.time.MonthDay", "java.time.DayOfWeek", "java.time.Month", "java.time.OffsetDateTime",
            "java.time.ZonedDateTime", "java.time.ZoneOffset", "java.time.ZoneId",
            "java.time.temporal.ChronoUnit",
            // Read-only views of what "from collect" gathers and what facts hold.
            "java.util.List", "java.util.Set", "java.util.Map", "java.util.Collection",
            "org.loyaltyengine.spi.EntryKind");

    /** Packages a rule file may import with a wildcard: each name used is still checked against the allowlist. */
    private static final Set<String> WILDCARD_PACKAGES = Set.of(FACTS_PACKAGE, "java.lang", "java.math", "java.time",
            "java.util");

    /** Methods no rule may call on anything: reflection, monitors, the engine's own bookkeeping. */
    static final Set<String> FORBIDDEN_METHODS = Set.of("getClass", "getDeclaringClass", "describeConstable",
            "resolveConstantDesc", "forName", "getClassLoader", "getContextClassLoader", "loadClass", "getMethod",
            "getDeclaredMethod", "getField", "getDeclaredField", "getConstructor", "getDeclaredConstructor",
            "newInstance", "invoke", "setAccessible", "getResource", "getResourceAsStream", "exec", "exit", "halt",
            "wait", "notify", "notifyAll", "finalize", "parallel", "parallelStream", "dateNow", "enterRule", "exitRule",
            // The machine's default locale: "1,50" on one host and "1.50" on another, in a stored outcome.
            "format", "formatted", "toUpperCase", "toLowerCase");

    /** Static methods of allowed types that read the machine (clock, randomness, system properties, zone). */
    static final Set<String> FORBIDDEN_STATIC = Set.of("now", "random", "getInteger", "getLong", "getBoolean",
            "systemDefault", "getProperty", "getenv");

    /** Built-in accumulate functions; custom accumulate code and imported accumulate functions are refused. */
    static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("sum", "count", "min", "max", "average",
            "collectList", "collectSet");

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

    private static final ThreadLocal<JavaParser> JAVA = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                    .setPreprocessUnicodeEscapes(true)));

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
            refuse(f, lineAt(f.text(), escape.start()), "the unicode escape " + escape.group()
                    + " is not allowed in a rule file: the Java compiler decodes it anywhere, even in comments; "
                    + "write the character itself");
        }
        String pkg = p.getName() == null ? "" : p.getName();
        if (!PACKAGE.matcher(pkg).matches() || pkg.equals(FACTS_PACKAGE)) {
            refuse(f, Math.max(p.getLine(), 1), "package '" + pkg + "' is not allowed: a rule file's package is "
                    + "org.loyaltyengine.rules.<name> (lower case, not 'facts'), so that no name in it resolves "
                    + "to a class of the engine or the JDK");
        }
        if (p.getUnit() != null) {
            refuse(f, p.getUnit().getLine(), "rule units are not allowed in a rule file");
        }
        Scope scope = new Scope(f, pkg, this);
        for (ImportDescr i : p.getImports()) {
            scope.addImport(i);
        }
        p.getFunctionImports().forEach(i -> refuse(f, i.getLine(), "'import function " + i.getTarget()
                + "' is not allowed: a rule file may call only its own functions"));
        p.getAccumulateImports().forEach(i -> refuse(f, i.getLine(), "'import accumulate " + i.getTarget()
                + "' is not allowed: only the built-in accumulate functions " + sorted(ACCUMULATE_FUNCTIONS)));
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

    private void declaredType(Scope scope, TypeDeclarationDescr t) {
        Source f = scope.file;
        String name = t.getTypeName();
        if (scope.resolveBuiltin(name).isPresent() || classExists("java.lang." + name)) {
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
                typeName(scope, type, line, "field '" + field.getFieldName() + "'");
            }
            if (field.getInitExpr() != null && !field.getInitExpr().isBlank()) {
                expression(new Ctx(scope, Kind.EXPRESSION, line, null, Set.of(), null), field.getInitExpr());
            }
        }
    }

    private void annotations(Source f, BaseDescr d, String what) {
        if (d instanceof AnnotatedBaseDescr a && !a.getAnnotationNames().isEmpty()) {
            refuse(f, d.getLine(), "annotation @" + a.getAnnotationNames().iterator().next() + " on " + what
                    + " is not allowed in a rule file");
        }
    }

    private void function(Scope scope, FunctionDescr fn) {
        Source f = scope.file;
        String id = scope.pkg + "." + fn.getName();
        calls.computeIfAbsent(id, k -> new LinkedHashSet<>());
        if (fn.getDialect() != null && !fn.getDialect().equals("java")) {
            refuse(f, fn.getLine(), "function '" + fn.getName() + "' uses the " + fn.getDialect() + " dialect; only java "
                    + "is allowed");
        }
        if (fn.getReturnType() != null) {
            typeName(scope, fn.getReturnType(), fn.getLine(), "the return type of function '" + fn.getName() + "'");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fn.getParameterNames().size(); i++) {
            typeName(scope, fn.getParameterTypes().get(i), fn.getLine(), "parameter '" + fn.getParameterNames().get(i)
                    + "' of function '" + fn.getName() + "'");
            String param = fn.getParameterNames().get(i);
            if (!plainName(param)) {
                refuse(f, fn.getLine(), "parameter '" + param + "' of function '" + fn.getName() + "': names in a rule "
                        + "file start with a lower-case letter or '$', so that none can hide a type");
            }
            names.add(param);
        }
        String body = fn.getBody() == null ? "" : fn.getBody();
        int line = lineOfText(f.text(), Math.max(fn.getStartCharacter(), 0), body, fn.getLine());
        block(new Ctx(scope, Kind.FUNCTION, line, null, names, id), body);
    }

    private void rule(Scope scope, RuleDescr r) {
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
            if (!plainName(b)) {
                refuse(f, bound.get(b), "the binding '" + b + "' in rule '" + r.getName() + "' is not allowed: names in a "
                        + "rule file start with a lower-case letter or '$', so that none can hide a type");
            }
        }
        lhs(scope, r.getLhs(), bindings, r.getLine());
        Object consequence = r.getConsequence();
        String text = consequence == null ? "" : consequence.toString();
        if (!text.isBlank()) {
            int line = lineOfText(f.text(), lineStart(f.text(), r.getConsequenceLine()), text, r.getConsequenceLine());
            block(new Ctx(scope, Kind.CONSEQUENCE, line, null, bindings, null), text);
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

    private void lhs(Scope scope, BaseDescr d, Set<String> bindings, int ruleLine) {
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
            expression(new Ctx(scope, Kind.EXPRESSION, line, null, bindings, null), String.valueOf(e.getContent()));
        } else {
            refuse(f, line, "'" + describe(d) + "' is not allowed in a rule's conditions");
        }
    }

    private void pattern(Scope scope, PatternDescr p, Set<String> bindings, int line) {
        Source f = scope.file;
        if (p.isQuery()) {
            refuse(f, line, "calling query '" + p.getObjectType() + "' is not allowed");
            return;
        }
        if (!p.getBehaviors().isEmpty()) {
            refuse(f, line, "sliding windows are not allowed in a rule's conditions");
        }
        Optional<Resolved> type = typeName(scope, p.getObjectType(), line, "pattern " + p.getObjectType());
        for (BaseDescr c : p.getDescrs()) {
            int at = c.getLine() > 0 ? c.getLine() : line;
            if (c instanceof ExprConstraintDescr e) {
                String expr = e.getExpression();
                Matcher m = BINDING.matcher(expr);
                String rest = m.find() ? expr.substring(m.end()) : expr;
                if (rest.isBlank()) {
                    continue;
                }
                expression(new Ctx(scope, Kind.CONSTRAINT, at, type.orElse(null), bindings, null), rest);
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
                        + "built-in functions " + sorted(ACCUMULATE_FUNCTIONS));
            }
            if (a.getInput() == null) {
                refuse(f, at, "accumulate without an input pattern is not allowed");
            } else {
                lhs(scope, a.getInput(), bindings, at);
            }
            for (AccumulateDescr.AccumulateFunctionCallDescr fn : a.getFunctions()) {
                if (!ACCUMULATE_FUNCTIONS.contains(fn.getFunction())) {
                    refuse(f, at, "accumulate function '" + fn.getFunction() + "' is not allowed; use one of "
                            + sorted(ACCUMULATE_FUNCTIONS));
                }
                for (String param : fn.getParams()) {
                    expression(new Ctx(scope, Kind.EXPRESSION, at, null, bindings, null), param);
                }
            }
        } else if (source instanceof FromDescr from) {
            expression(new Ctx(scope, Kind.EXPRESSION, at, null, bindings, null), from.getExpression());
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

    // ------------------------------------------------------------------ code

    enum Kind { CONSTRAINT, EXPRESSION, CONSEQUENCE, FUNCTION }

    /** Where a piece of code stands: its kind, its first line in the file, and the names it may use. */
    private static final class Ctx {
        final Scope scope;
        final Kind kind;
        final int line;
        final Resolved pattern;
        final Set<String> names;
        final String function;

        Ctx(Scope scope, Kind kind, int line, Resolved pattern, Set<String> names, String function) {
            this.scope = scope;
            this.kind = kind;
            this.line = line;
            this.pattern = pattern;
            this.names = new HashSet<>(names);
            this.function = function;
        }

        /** A nested block: it sees the names of this one, and what it declares ends with it, as in Java. */
        Ctx child() {
            return new Ctx(scope, kind, line, pattern, names, function);
        }
    }

    /**
     * Names a rule file declares (bindings, locals, parameters) start with a lower-case letter or '$': a
     * variable named like a type would hide the type from the gate's reading and not from the compiler's.
     */
    private static boolean plainName(String name) {
        return !name.isEmpty() && (name.charAt(0) == '$' || Character.isLowerCase(name.charAt(0)));
    }

    private void declare(Ctx c, Node at, String name) {
        if (!plainName(name)) {
            refuse(c, at, "the name '" + name + "' is not allowed: names in a rule file start with a lower-case "
                    + "letter or '$', so that none can hide a type");
            return;
        }
        c.names.add(name);
    }

    private void block(Ctx c, String code) {
        ParseResult<BlockStmt> r = JAVA.get().parseBlock("{" + code.stripLeading() + "\n}");
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            unparsable(c, r.getProblems(), c.kind == Kind.FUNCTION ? "this function body" : "this consequence");
            return;
        }
        statement(c, r.getResult().get());
    }

    private void expression(Ctx c, String code) {
        ParseResult<Expression> r = JAVA.get().parseExpression(code.stripLeading());
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            unparsable(c, r.getProblems(), "the expression '" + code.strip() + "'");
            return;
        }
        expr(c, r.getResult().get());
    }

    private void unparsable(Ctx c, List<Problem> problems, String what) {
        int line = c.line;
        if (!problems.isEmpty() && problems.get(0).getLocation().isPresent()) {
            line = c.line + problems.get(0).getLocation().get().getBegin().getRange()
                    .map(range -> range.begin.line - 1).orElse(0);
        }
        refuse(c.scope.file, line, what + " is not plain Java, so it cannot be checked and is refused (MVEL-only "
                + "syntax such as modify blocks, inline maps, 'matches' or 'str[...]' is not allowed)"
                + (problems.isEmpty() ? "" : ": " + problems.get(0).getMessage().lines().findFirst().orElse("")));
    }

    private int line(Ctx c, Node n) {
        return c.line + n.getBegin().map(p -> p.line - 1).orElse(0);
    }

    private void refuse(Ctx c, Node n, String reason) {
        refuse(c.scope.file, line(c, n), reason);
    }

    private void statement(Ctx c, Statement s) {
        if (s instanceof BlockStmt b) {
            Ctx inner = c.child();
            b.getStatements().forEach(x -> statement(inner, x));
        } else if (s instanceof ExpressionStmt e) {
            expr(c, e.getExpression());
        } else if (s instanceof IfStmt i) {
            expr(c, i.getCondition());
            statement(c.child(), i.getThenStmt());
            i.getElseStmt().ifPresent(x -> statement(c.child(), x));
        } else if (s instanceof ForEachStmt f) {
            expr(c, f.getIterable());
            Ctx loop = c.child();
            declaration(loop, f.getVariable());
            statement(loop, f.getBody());
        } else if (s instanceof ReturnStmt r) {
            r.getExpression().ifPresent(x -> expr(c, x));
        } else if (s instanceof BreakStmt b && b.getLabel().isEmpty() || s instanceof ContinueStmt k && k.getLabel().isEmpty()
                || s instanceof EmptyStmt) {
            return;
        } else {
            refuse(c, s, statementName(s) + " is not allowed in a rule file"
                    + (s.isWhileStmt() || s.isDoStmt() || s.isForStmt()
                    ? ": only a for-each over a collection, so that every evaluation ends" : ""));
        }
    }

    private static String statementName(Statement s) {
        String n = s.getClass().getSimpleName().replace("Stmt", "");
        return switch (n) {
            case "Try" -> "try/catch";
            case "Throw" -> "throw (a rule rejects with $d.reject(code, message))";
            case "LocalClassDeclaration", "LocalRecordDeclaration" -> "a local class";
            default -> "a " + n.toLowerCase(java.util.Locale.ROOT) + " statement";
        };
    }

    private void declaration(Ctx c, VariableDeclarationExpr v) {
        if (!v.getAnnotations().isEmpty()) {
            refuse(c, v, "annotations are not allowed in a rule file");
        }
        for (VariableDeclarator d : v.getVariables()) {
            type(c, d.getType(), d);
            d.getInitializer().ifPresent(init -> expr(c, init));
            declare(c, d, d.getNameAsString());
        }
    }

    private void expr(Ctx c, Expression e) {
        if (e instanceof LiteralExpr) {
            return;
        }
        if (e instanceof NameExpr n) {
            name(c, n);
        } else if (e instanceof MethodCallExpr m) {
            call(c, m);
        } else if (e instanceof FieldAccessExpr f) {
            fieldAccess(c, f);
        } else if (e instanceof ObjectCreationExpr o) {
            creation(c, o);
        } else if (e instanceof BinaryExpr b) {
            expr(c, b.getLeft());
            expr(c, b.getRight());
        } else if (e instanceof UnaryExpr u) {
            expr(c, u.getExpression());
        } else if (e instanceof ConditionalExpr q) {
            expr(c, q.getCondition());
            expr(c, q.getThenExpr());
            expr(c, q.getElseExpr());
        } else if (e instanceof EnclosedExpr p) {
            expr(c, p.getInner());
        } else if (e instanceof CastExpr cast) {
            type(c, cast.getType(), cast);
            expr(c, cast.getExpression());
        } else if (e instanceof InstanceOfExpr i) {
            expr(c, i.getExpression());
            type(c, i.getType(), i);
            i.getPattern().ifPresent(p -> refuse(c, p, "pattern matching ('instanceof Type name') is not allowed in a "
                    + "rule file: its variables' scope follows the control flow; cast instead"));
        } else if (e instanceof VariableDeclarationExpr v && c.kind != Kind.CONSTRAINT && c.kind != Kind.EXPRESSION) {
            declaration(c, v);
        } else if (e instanceof AssignExpr a && (c.kind == Kind.CONSEQUENCE || c.kind == Kind.FUNCTION)) {
            if (a.getTarget() instanceof NameExpr target && c.names.contains(target.getNameAsString())) {
                expr(c, a.getValue());
            } else {
                refuse(c, a, "only local variables may be assigned in a rule file, not '" + a.getTarget() + "'");
            }
        } else if (e instanceof ArrayAccessExpr a) {
            expr(c, a.getName());
            expr(c, a.getIndex());
        } else if (e instanceof ArrayCreationExpr || e instanceof ArrayInitializerExpr) {
            refuse(c, e, "creating an array is not allowed in a rule file (one line could claim the whole heap); "
                    + "facts carry lists");
        } else if (e instanceof ThisExpr t && c.kind == Kind.CONSTRAINT && t.getTypeName().isEmpty()) {
            return;
        } else {
            refuse(c, e, expressionName(e) + " is not allowed " + (c.kind == Kind.CONSTRAINT ? "in a constraint"
                    : "in a rule file"));
        }
    }

    private static String expressionName(Expression e) {
        String n = e.getClass().getSimpleName().replace("Expr", "");
        return switch (n) {
            case "Class" -> "'" + e + "' (a class literal gives reflection)";
            case "Lambda" -> "a lambda";
            case "MethodReference" -> "the method reference '" + e + "'";
            case "Super" -> "'super'";
            case "This" -> "'this'";
            case "Assign" -> "an assignment";
            default -> "'" + e + "'";
        };
    }

    private void name(Ctx c, NameExpr n) {
        String name = n.getNameAsString();
        if (c.names.contains(name)) {
            return;
        }
        if (c.kind == Kind.CONSTRAINT && c.pattern != null && c.pattern.hasProperty(name)) {
            return;
        }
        if (name.equals("drools") || name.equals("kcontext")) {
            refuse(c, n, "'" + name + "' is not allowed: it reaches the rule engine itself (halt, other sessions, "
                    + "the knowledge base); a rule decides through the Decision fact");
            return;
        }
        Optional<Resolved> type = c.scope.resolve(name);
        if (type.isPresent()) {
            return;
        }
        refuse(c, n, unknownName(c, name));
    }

    private String unknownName(Ctx c, String name) {
        if (Character.isUpperCase(name.charAt(0))) {
            return "'" + name + "' is not an allowed type: a rule file may use the fact model, EntryKind and "
                    + "value types of java.lang, java.math and java.time " + "(see docs/architecture.md, \"Rules\")";
        }
        return "'" + name + "' is not a binding, local variable or property of "
                + (c.pattern != null ? c.pattern.name : "this rule") + (c.kind == Kind.CONSTRAINT ? "" : " in scope");
    }

    /** A scope that names a type (a static call or constant), or empty if the scope is a value. */
    private Optional<Resolved> typeScope(Ctx c, Expression scope) {
        if (scope instanceof NameExpr n) {
            String name = n.getNameAsString();
            if (c.names.contains(name) || (c.kind == Kind.CONSTRAINT && c.pattern != null && c.pattern.hasProperty(name))) {
                return Optional.empty();
            }
            return c.scope.resolve(name);
        }
        return Optional.empty();
    }

    private static boolean qualifiedName(Expression e) {
        if (e instanceof NameExpr n) {
            return Character.isLowerCase(n.getNameAsString().charAt(0));
        }
        return e instanceof FieldAccessExpr f && qualifiedName(f.getScope());
    }

    private void fieldAccess(Ctx c, FieldAccessExpr f) {
        if (FORBIDDEN_METHODS.contains(f.getNameAsString()) || f.getNameAsString().equals("class")
                || f.getScope() instanceof FieldAccessExpr inner && inner.getNameAsString().equals("class")) {
            refuse(c, f, "'" + f + "' is not allowed: it gives reflection");
            return;
        }
        Optional<Resolved> type = typeScope(c, f.getScope());
        if (type.isPresent()) {
            if (!type.get().hasStaticField(f.getNameAsString())) {
                refuse(c, f, "'" + f + "' is not a constant of " + type.get().name);
            }
            return;
        }
        if (qualifiedName(f) && !(f.getScope() instanceof NameExpr s && c.names.contains(s.getNameAsString()))) {
            refuse(c, f, "the qualified name '" + f + "' is not allowed: import an allowed type instead "
                    + "(a rule file may use the fact model, EntryKind and value types of java.lang, java.math and java.time)");
            return;
        }
        refuse(c, f, "the field access '" + f + "' is not allowed: call the accessor, e.g. " + f.getScope() + "."
                + f.getNameAsString() + "()");
    }

    private void call(Ctx c, MethodCallExpr m) {
        String name = m.getNameAsString();
        m.getTypeArguments().ifPresent(args -> args.forEach(t -> type(c, t, m)));
        if (FORBIDDEN_METHODS.contains(name)) {
            refuse(c, m, "calling " + name + "() is not allowed in a rule file"
                    + (name.equals("getClass") ? ": it gives reflection" : name.endsWith("Rule")
                    ? ": the engine records which rule decided" : ""));
            return;
        }
        amplifier(c, m);
        if (m.getScope().isEmpty()) {
            unscopedCall(c, m);
        } else {
            Expression scope = m.getScope().get();
            Optional<Resolved> type = typeScope(c, scope);
            if (type.isPresent()) {
                if (FORBIDDEN_STATIC.contains(name)) {
                    refuse(c, m, type.get().name + "." + name + "() is not allowed: it reads the machine (clock, "
                            + "randomness, environment); rules read the business date and settings from facts");
                } else if (!type.get().hasStaticMethod(name)) {
                    refuse(c, m, name + "() is not a static method of " + type.get().name);
                }
            } else if (scope instanceof FieldAccessExpr && qualifiedName(scope)) {
                refuse(c, scope, "the qualified name '" + scope + "' is not allowed: import an allowed type instead "
                        + "(a rule file may use the fact model, EntryKind and value types of java.lang, java.math "
                        + "and java.time)");
                return;
            } else {
                expr(c, scope);
            }
        }
        m.getArguments().forEach(a -> expr(c, a));
    }

    /**
     * Methods whose argument sets the size of what they build: a string repeated or indented a billion
     * times, a number raised or shifted by a billion. One such call fills the heap or computes for hours
     * in a single step, which no limit between firings sees; the count must therefore be a whole-number
     * literal of at most {@link #MAX_SIZE_ARGUMENT}. Format strings likewise must be literals (a format
     * taken from a fact, say a holder's name "%0999999999d", is the customer's to choose) without a width
     * or precision past three digits.
     */
    static final Set<String> SIZE_METHODS = Set.of("repeat", "indent", "pow", "shiftLeft", "shiftRight", "setBit",
            "clearBit", "flipBit", "movePointLeft", "movePointRight", "scaleByPowerOfTen");
    static final int MAX_SIZE_ARGUMENT = 1_000;
    private static final Pattern HUGE_FORMAT = Pattern.compile("%[-#+ 0,(<]*(\\d+\\$)?[-#+ 0,(<]*\\d{4,}|%[^a-zA-Z%]*\\.\\d{4,}");

    private void amplifier(Ctx c, MethodCallExpr m) {
        String name = m.getNameAsString();
        if (SIZE_METHODS.contains(name) && !m.getArguments().isEmpty()) {
            Expression count = m.getArguments().get(0);
            boolean small = count instanceof IntegerLiteralExpr i && i.asNumber().longValue() <= MAX_SIZE_ARGUMENT
                    || count instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS
                    && u.getExpression() instanceof IntegerLiteralExpr j && j.asNumber().longValue() <= MAX_SIZE_ARGUMENT;
            if (!small) {
                refuse(c, m, name + "(" + count + ") is not allowed: the argument of " + name + " sets the size of what "
                        + "it builds, so it must be a whole-number literal of at most " + MAX_SIZE_ARGUMENT
                        + " (one call could fill the memory or compute for hours)");
            }
        }
        Expression format = null;
        if (name.equals("formatted") && m.getScope().isPresent()) {
            format = m.getScope().get();
        } else if (name.equals("format") && !m.getArguments().isEmpty()) {
            format = m.getArguments().get(0);
        }
        if (format != null) {
            if (!(format instanceof StringLiteralExpr || format instanceof TextBlockLiteralExpr)) {
                refuse(c, m, name + "(...) needs its format as a string literal: a format read from a fact is "
                        + "chosen by whoever typed the fact (\"%0999999999d\" fills the memory)");
            } else if (HUGE_FORMAT.matcher(((LiteralStringValueExpr) format).getValue()).find()) {
                refuse(c, m, "the format " + format + " has a width or precision of four digits or more, which is "
                        + "not allowed: one call could fill the memory");
            }
        }
    }

    private void unscopedCall(Ctx c, MethodCallExpr m) {
        String name = m.getNameAsString();
        Set<String> functions = functionsByPackage.getOrDefault(c.scope.pkg, Set.of());
        if (functions.contains(name)) {
            if (c.function != null) {
                calls.computeIfAbsent(c.function, k -> new LinkedHashSet<>()).add(c.scope.pkg + "." + name);
            }
            return;
        }
        if (c.kind == Kind.CONSEQUENCE && name.equals("insert")) {
            if (m.getArguments().size() != 1 || !(m.getArguments().get(0) instanceof ObjectCreationExpr o)) {
                refuse(c, m, "insert(...) takes a new fact, as in insert(new PosCardMode(...))");
            } else if (c.scope.resolveType(o.getType().getNameAsString()).map(r -> !r.insertable).orElse(false)) {
                refuse(c, m, "a " + o.getType() + " cannot be inserted; rules insert facts of the fact model");
            }
            return;
        }
        if (c.kind == Kind.CONSTRAINT && c.pattern != null && c.pattern.hasMethod(name)) {
            return;
        }
        if (c.kind == Kind.CONSTRAINT && name.equals("eval") && m.getArguments().size() == 1) {
            return;
        }
        String hint = switch (name) {
            case "modify", "update", "retract", "delete", "insertLogical" -> ": facts are immutable records; a rule "
                    + "inserts new derived facts with insert(new ...) and decides through the Decision fact";
            default -> ": a rule file may call its own functions" + (c.kind == Kind.CONSEQUENCE ? ", insert(new ...)" : "")
                    + (c.kind == Kind.CONSTRAINT ? " and methods of the pattern's fact" : "");
        };
        refuse(c, m, name + "(...) is not allowed here" + hint);
    }

    private void creation(Ctx c, ObjectCreationExpr o) {
        if (o.getAnonymousClassBody().isPresent()) {
            refuse(c, o, "an anonymous class is not allowed in a rule file");
            return;
        }
        if (o.getScope().isPresent()) {
            refuse(c, o, "'" + o + "' is not allowed in a rule file");
            return;
        }
        Optional<Resolved> type = type(c, o.getType(), o);
        if (type.isPresent() && !type.get().constructible) {
            refuse(c, o, "new " + type.get().name + "(...) is not allowed: "
                    + (type.get().name.endsWith(".Decision") ? "the engine gives each evaluation its one Decision"
                    : "the type is not a value that rules create"));
        }
        o.getArguments().forEach(a -> expr(c, a));
    }

    private Optional<Resolved> type(Ctx c, Type t, Node at) {
        if (t instanceof PrimitiveType p && (p.getType() == PrimitiveType.Primitive.DOUBLE
                || p.getType() == PrimitiveType.Primitive.FLOAT)) {
            refuse(c, at, "'" + p.asString() + "' is not allowed: money and points are BigDecimal");
            return Optional.empty();
        }
        if (t instanceof PrimitiveType || t instanceof VoidType || t instanceof VarType) {
            return Optional.empty();
        }
        if (t instanceof ArrayType a) {
            return type(c, a.getComponentType(), at);
        }
        if (t instanceof WildcardType w) {
            w.getExtendedType().ifPresent(x -> type(c, x, at));
            w.getSuperType().ifPresent(x -> type(c, x, at));
            return Optional.empty();
        }
        if (t instanceof ClassOrInterfaceType ct) {
            ct.getTypeArguments().ifPresent(args -> args.forEach(x -> type(c, x, at)));
            if (ct.getScope().isPresent()) {
                refuse(c, at, "the qualified type '" + ct.asString() + "' is not allowed: import an allowed type instead");
                return Optional.empty();
            }
            Optional<Resolved> r = c.scope.resolve(ct.getNameAsString());
            if (r.isEmpty()) {
                refuse(c, at, unknownName(c, ct.getNameAsString()));
            }
            return r;
        }
        refuse(c, at, "the type '" + t + "' is not allowed in a rule file");
        return Optional.empty();
    }

    /** A type name in the file's structure (pattern, field, function signature), possibly generic or an array. */
    private Optional<Resolved> typeName(Scope scope, String text, int line, String what) {
        String raw = text.strip();
        if (raw.endsWith("[]")) {
            return typeName(scope, raw.substring(0, raw.length() - 2), line, what);
        }
        int generic = raw.indexOf('<');
        if (generic > 0 && raw.endsWith(">")) {
            for (String arg : raw.substring(generic + 1, raw.length() - 1).split(",")) {
                String a = arg.strip();
                if (!a.equals("?")) {
                    typeName(scope, a.replaceFirst("^\\?\\s+(extends|super)\\s+", ""), line, what);
                }
            }
            raw = raw.substring(0, generic).strip();
        }
        if (Set.of("void", "boolean", "byte", "short", "int", "long", "char").contains(raw)) {
            return Optional.empty();
        }
        if (raw.contains(".")) {
            refuse(scope.file, line, what + ": the qualified type '" + raw + "' is not allowed: import an allowed type "
                    + "instead");
            return Optional.empty();
        }
        Optional<Resolved> r = scope.resolve(raw);
        if (r.isEmpty()) {
            refuse(scope.file, line, what + ": '" + raw + "' is not an allowed type: a rule file may use the fact model, "
                    + "EntryKind and value types of java.lang, java.math and java.time (see docs/architecture.md, "
                    + "\"Rules\")");
        }
        return r;
    }

    // ------------------------------------------------------------------ names and types

    /** A type a rule file may use, with what the file may do with it. */
    static final class Resolved {
        final String name;
        final Class<?> type;
        final Set<String> declaredFields;
        final boolean constructible;
        final boolean insertable;

        Resolved(String name, Class<?> type, Set<String> declaredFields, boolean constructible, boolean insertable) {
            this.name = name;
            this.type = type;
            this.declaredFields = declaredFields;
            this.constructible = constructible;
            this.insertable = insertable;
        }

        boolean hasProperty(String property) {
            if (declaredFields != null) {
                return declaredFields.contains(property);
            }
            String cap = Character.toUpperCase(property.charAt(0)) + property.substring(1);
            for (String candidate : List.of(property, "get" + cap, "is" + cap)) {
                Optional<Method> m = publicMethods(candidate).filter(x -> x.getParameterCount() == 0).findFirst();
                if (m.isPresent()) {
                    return !FORBIDDEN_METHODS.contains(m.get().getName());
                }
            }
            return false;
        }

        boolean hasMethod(String method) {
            return declaredFields == null && publicMethods(method).anyMatch(m -> !Modifier.isStatic(m.getModifiers()));
        }

        boolean hasStaticMethod(String method) {
            return declaredFields == null && publicMethods(method).anyMatch(m -> Modifier.isStatic(m.getModifiers()));
        }

        boolean hasStaticField(String field) {
            if (declaredFields != null) {
                return false;
            }
            for (Field f : type.getFields()) {
                // Only constants that are values themselves: Integer.TYPE is a Class, a door to reflection.
                if (f.getName().equals(field) && Modifier.isStatic(f.getModifiers())
                        && (f.getType().isPrimitive() || f.getType() == type || ALLOWED_TYPES.contains(f.getType().getName()))) {
                    return true;
                }
            }
            return false;
        }

        private java.util.stream.Stream<Method> publicMethods(String name) {
            return java.util.Arrays.stream(type.getMethods()).filter(m -> m.getName().equals(name));
        }
    }

    /** The names a file can use: its imports, its package's declared types and java.lang's allowed types. */
    private static final class Scope {
        final Source file;
        final String pkg;
        final SafeRuleGate gate;
        final Map<String, String> explicit = new HashMap<>();
        final Set<String> wildcards = new LinkedHashSet<>();

        Scope(Source file, String pkg, SafeRuleGate gate) {
            this.file = file;
            this.pkg = pkg;
            this.gate = gate;
            wildcards.add("java.lang");
        }

        void addImport(ImportDescr i) {
            String target = i.getTarget().strip();
            if (target.endsWith(".*")) {
                String p = target.substring(0, target.length() - 2);
                if (WILDCARD_PACKAGES.contains(p)) {
                    wildcards.add(p);
                } else {
                    gate.refuse(file, i.getLine(), "'import " + target + "' is not allowed: a rule file may import the "
                            + "fact model (" + FACTS_PACKAGE + ".*), org.loyaltyengine.spi.EntryKind and value types of "
                            + "java.lang, java.math and java.time");
                }
                return;
            }
            String simple = target.substring(target.lastIndexOf('.') + 1);
            if (allowedClass(target).isPresent()) {
                explicit.put(simple, target);
            } else {
                gate.refuse(file, i.getLine(), "'import " + target + "' is not allowed: a rule file may import the fact "
                        + "model (" + FACTS_PACKAGE + ".*), org.loyaltyengine.spi.EntryKind and value types of "
                        + "java.lang, java.math and java.time");
            }
        }

        /** What a simple type name means here, if it is allowed. */
        Optional<Resolved> resolve(String simple) {
            Map<String, Set<String>> declared = gate.declaredByPackage.getOrDefault(pkg, Map.of());
            if (declared.containsKey(simple)) {
                return Optional.of(new Resolved(pkg + "." + simple, Object.class, declared.get(simple), true, true));
            }
            String fqn = explicit.get(simple);
            if (fqn != null) {
                return allowedClass(fqn);
            }
            for (String p : wildcards) {
                Optional<Resolved> r = allowedClass(p + "." + simple);
                if (r.isPresent()) {
                    return r;
                }
            }
            return Optional.empty();
        }

        Optional<Resolved> resolveType(String simple) {
            return resolve(simple);
        }

        /** The allowed types that need no import (java.lang's) or are the fact model, for name clashes. */
        Optional<Resolved> resolveBuiltin(String simple) {
            Optional<Resolved> r = allowedClass("java.lang." + simple);
            return r.isPresent() ? r : allowedClass(FACTS_PACKAGE + "." + simple);
        }
    }

    private static final Map<String, Optional<Resolved>> CLASSES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The class behind an allowed fully qualified name; facts are the public top-level classes of the fact package. */
    static Optional<Resolved> allowedClass(String fqn) {
        return CLASSES.computeIfAbsent(fqn, n -> {
            boolean fact = n.startsWith(FACTS_PACKAGE + ".") && n.indexOf('.', FACTS_PACKAGE.length() + 1) < 0;
            if (!fact && !ALLOWED_TYPES.contains(n)) {
                return Optional.empty();
            }
            try {
                Class<?> type = Class.forName(n, false, SafeRuleGate.class.getClassLoader());
                if (!Modifier.isPublic(type.getModifiers()) || type.isMemberClass()) {
                    return Optional.empty();
                }
                boolean decision = type.getName().equals(FACTS_PACKAGE + ".Decision");
                boolean value = !type.isInterface() && !type.isEnum() && !Modifier.isAbstract(type.getModifiers())
                        && !n.equals("java.lang.Math") && !n.equals("java.lang.Object");
                return Optional.of(new Resolved(n, type, null, value && !decision, fact && !decision));
            } catch (ClassNotFoundException e) {
                return Optional.empty();
            }
        });
    }

    private static boolean classExists(String fqn) {
        try {
            Class.forName(fqn, false, SafeRuleGate.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    // ------------------------------------------------------------------ positions

    private void refuse(Source f, int line, String reason) {
        errors.add(new RuleError(f.path(), Math.max(line, 0), reason));
    }

    private static int lineAt(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int lineStart(String text, int line) {
        int offset = 0;
        for (int l = 1; l < line && offset >= 0; l++) {
            offset = text.indexOf('\n', offset);
            offset = offset < 0 ? -1 : offset + 1;
        }
        return Math.max(offset, 0);
    }

    /** The line in the file where {@code code} (as the parser handed it over) starts, searching from {@code from}. */
    private static int lineOfText(String text, int from, String code, int fallback) {
        String head = code.strip();
        if (head.isEmpty()) {
            return fallback;
        }
        head = head.lines().findFirst().orElse(head).strip();
        int at = text.indexOf(head, from);
        return at < 0 ? fallback : lineAt(text, at);
    }

    private static String describe(BaseDescr d) {
        return d.getClass().getSimpleName().replace("Descr", "").replaceAll("([a-z])([A-Z])", "$1 $2")
                .toLowerCase(java.util.Locale.ROOT);
    }

    private static String sorted(Set<String> s) {
        return new java.util.TreeSet<>(s).toString();
    }
}

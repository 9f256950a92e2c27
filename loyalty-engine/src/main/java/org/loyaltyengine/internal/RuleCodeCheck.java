package org.loyaltyengine.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
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

import org.loyaltyengine.internal.RuleAllowlist.Resolved;

/**
 * Checks the Java code inside a rule file (SPEC X-11): constraints, {@code eval}, {@code from} and accumulate
 * expressions, field initialisers, consequences and function bodies, each parsed as Java and walked node by
 * node against {@link RuleAllowlist}.
 *
 * <p>It exists apart from {@link SafeRuleGate}, which walks the DRL structure and hands every piece of code
 * here with a {@link Ctx} saying what kind of code it is, where it starts and which names it may use. Any
 * construct this walk does not know is refused, so a piece of syntax it was not taught about is a refusal,
 * never a hole.
 */
final class RuleCodeCheck {
    private static final ThreadLocal<JavaParser> JAVA = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17)
                    .setPreprocessUnicodeEscapes(true)));

    enum Kind { CONSTRAINT, EXPRESSION, CONSEQUENCE, FUNCTION }

    /** Where a piece of code stands: its kind, its first line in the file, and the names it may use. */
    static final class Ctx {
        final RuleScope scope;
        final Kind kind;
        final int line;
        final Resolved pattern;
        final Set<String> names;
        final String function;

        Ctx(RuleScope scope, Kind kind, int line, Resolved pattern, Set<String> names, String function) {
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

    private static void declare(Ctx c, Node at, String name) {
        if (!RuleScope.plainName(name)) {
            refuse(c, at, "the name '" + name + "' is not allowed: names in a rule file start with a lower-case "
                    + "letter or '$', so that none can hide a type");
            return;
        }
        c.names.add(name);
    }

    /** Checks a block of statements: a consequence or a function body. */
    static void block(Ctx c, String code) {
        ParseResult<BlockStmt> r = JAVA.get().parseBlock("{" + code.stripLeading() + "\n}");
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            unparsable(c, r.getProblems(), c.kind == Kind.FUNCTION ? "this function body" : "this consequence");
            return;
        }
        statement(c, r.getResult().get());
    }

    /** Checks one expression: a constraint, an eval, a from or accumulate argument, a field initialiser. */
    static void expression(Ctx c, String code) {
        ParseResult<Expression> r = JAVA.get().parseExpression(code.stripLeading());
        if (!r.isSuccessful() || r.getResult().isEmpty()) {
            unparsable(c, r.getProblems(), "the expression '" + code.strip() + "'");
            return;
        }
        expr(c, r.getResult().get());
    }

    private static void unparsable(Ctx c, List<Problem> problems, String what) {
        int line = c.line;
        if (!problems.isEmpty() && problems.get(0).getLocation().isPresent()) {
            line = c.line + problems.get(0).getLocation().get().getBegin().getRange()
                    .map(range -> range.begin.line - 1).orElse(0);
        }
        c.scope.refuse(line, what + " is not plain Java, so it cannot be checked and is refused (MVEL-only "
                + "syntax such as modify blocks, inline maps, 'matches' or 'str[...]' is not allowed)"
                + (problems.isEmpty() ? "" : ": " + problems.get(0).getMessage().lines().findFirst().orElse("")));
    }

    private static int line(Ctx c, Node n) {
        return c.line + n.getBegin().map(p -> p.line - 1).orElse(0);
    }

    static void refuse(Ctx c, Node n, String reason) {
        c.scope.refuse(line(c, n), reason);
    }

    private static void statement(Ctx c, Statement s) {
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

    private static void declaration(Ctx c, VariableDeclarationExpr v) {
        if (!v.getAnnotations().isEmpty()) {
            refuse(c, v, "annotations are not allowed in a rule file");
        }
        for (VariableDeclarator d : v.getVariables()) {
            type(c, d.getType(), d);
            d.getInitializer().ifPresent(init -> expr(c, init));
            declare(c, d, d.getNameAsString());
        }
    }

    private static void expr(Ctx c, Expression e) {
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

    private static void name(Ctx c, NameExpr n) {
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

    private static String unknownName(Ctx c, String name) {
        if (Character.isUpperCase(name.charAt(0))) {
            return "'" + name + "' is not an allowed type: a rule file may use the fact model, EntryKind and "
                    + "value types of java.lang, java.math and java.time " + "(see docs/architecture.md, \"Rules\")";
        }
        return "'" + name + "' is not a binding, local variable or property of "
                + (c.pattern != null ? c.pattern.name : "this rule") + (c.kind == Kind.CONSTRAINT ? "" : " in scope");
    }

    /** A scope that names a type (a static call or constant), or empty if the scope is a value. */
    private static Optional<Resolved> typeScope(Ctx c, Expression scope) {
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

    private static void fieldAccess(Ctx c, FieldAccessExpr f) {
        if (RuleAllowlist.FORBIDDEN_METHODS.contains(f.getNameAsString()) || f.getNameAsString().equals("class")
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

    private static void call(Ctx c, MethodCallExpr m) {
        String name = m.getNameAsString();
        m.getTypeArguments().ifPresent(args -> args.forEach(t -> type(c, t, m)));
        if (RuleAllowlist.FORBIDDEN_METHODS.contains(name)) {
            refuse(c, m, "calling " + name + "() is not allowed in a rule file"
                    + (name.equals("getClass") ? ": it gives reflection" : name.endsWith("Rule")
                    ? ": the engine records which rule decided" : ""));
            return;
        }
        RuleSizeCheck.check(c, m);
        if (m.getScope().isEmpty()) {
            unscopedCall(c, m);
        } else {
            Expression scope = m.getScope().get();
            Optional<Resolved> type = typeScope(c, scope);
            if (type.isPresent()) {
                if (RuleAllowlist.FORBIDDEN_STATIC.contains(name)) {
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

    private static void unscopedCall(Ctx c, MethodCallExpr m) {
        String name = m.getNameAsString();
        Set<String> functions = c.scope.functions();
        if (functions.contains(name)) {
            if (c.function != null) {
                c.scope.called(c.function, name);
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

    private static void creation(Ctx c, ObjectCreationExpr o) {
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

    private static Optional<Resolved> type(Ctx c, Type t, Node at) {
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

    private RuleCodeCheck() {
    }
}

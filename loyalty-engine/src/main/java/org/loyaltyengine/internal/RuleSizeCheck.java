package org.loyaltyengine.internal;

import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.IntegerLiteralExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import com.github.javaparser.ast.expr.UnaryExpr;

import org.loyaltyengine.internal.RuleCodeCheck.Ctx;

/**
 * Refuses a call whose argument sets the size of what it builds (SPEC X-11): a count past
 * {@link RuleAllowlist#MAX_SIZE_ARGUMENT} or not a literal, a format not a literal or with a huge width.
 *
 * <p>It exists apart from {@link RuleCodeCheck}, which decides what code may reach, because this guards
 * how much one allowed call may build: a single step that fills the memory or computes for hours is
 * invisible to any limit between rule firings, so it must be refused before the file compiles.
 */
final class RuleSizeCheck {
    private RuleSizeCheck() {
    }

    /** Checks one method call's size and format arguments; the caller checks the call itself. */
    static void check(Ctx c, MethodCallExpr m) {
        String name = m.getNameAsString();
        if (RuleAllowlist.SIZE_METHODS.contains(name) && !m.getArguments().isEmpty()) {
            Expression count = m.getArguments().get(0);
            int max = RuleAllowlist.MAX_SIZE_ARGUMENT;
            boolean small = count instanceof IntegerLiteralExpr i && i.asNumber().longValue() <= max
                    || count instanceof UnaryExpr u && u.getOperator() == UnaryExpr.Operator.MINUS
                    && u.getExpression() instanceof IntegerLiteralExpr j && j.asNumber().longValue() <= max;
            if (!small) {
                RuleCodeCheck.refuse(c, m, name + "(" + count + ") is not allowed: the argument of " + name
                        + " sets the size of what it builds, so it must be a whole-number literal of at most " + max
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
                RuleCodeCheck.refuse(c, m, name + "(...) needs its format as a string literal: a format read "
                        + "from a fact is chosen by whoever typed the fact (\"%0999999999d\" fills the memory)");
            } else if (RuleAllowlist.HUGE_FORMAT.matcher(((LiteralStringValueExpr) format).getValue()).find()) {
                RuleCodeCheck.refuse(c, m, "the format " + format + " has a width or precision of four digits "
                        + "or more, which is not allowed: one call could fill the memory");
            }
        }
    }
}

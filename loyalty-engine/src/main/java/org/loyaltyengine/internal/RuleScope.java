package org.loyaltyengine.internal;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.drools.drl.ast.descr.ImportDescr;
import org.loyaltyengine.internal.RuleAllowlist.Resolved;
import org.loyaltyengine.internal.SafeRuleGate.Source;

/**
 * The names one rule file can use: its imports, its package's declared types and java.lang's allowed
 * types, and how a type name written in the file's structure (pattern, field, function signature) resolves.
 *
 * <p>It exists so that the structure walk and the code check resolve a name the same way, through one
 * object per file; an import that is not allowed is refused here, as it is read.
 */
final class RuleScope {
    final Source file;
    final String pkg;
    private final SafeRuleGate gate;
    private final Map<String, String> explicit = new HashMap<>();
    private final Set<String> wildcards = new LinkedHashSet<>();

    RuleScope(Source file, String pkg, SafeRuleGate gate) {
        this.file = file;
        this.pkg = pkg;
        this.gate = gate;
        wildcards.add("java.lang");
    }

    void addImport(ImportDescr i) {
        String target = i.getTarget().strip();
        if (target.endsWith(".*")) {
            String p = target.substring(0, target.length() - 2);
            if (RuleAllowlist.WILDCARD_PACKAGES.contains(p)) {
                wildcards.add(p);
            } else {
                refuseImport(i, target);
            }
            return;
        }
        String simple = target.substring(target.lastIndexOf('.') + 1);
        if (RuleAllowlist.allowedClass(target).isPresent()) {
            explicit.put(simple, target);
        } else {
            refuseImport(i, target);
        }
    }

    private void refuseImport(ImportDescr i, String target) {
        refuse(i.getLine(), "'import " + target + "' is not allowed: a rule file may import the fact model ("
                + RuleAllowlist.FACTS_PACKAGE + ".*), org.loyaltyengine.spi.EntryKind and value types of java.lang, "
                + "java.math and java.time");
    }

    /** What a simple type name means here, if it is allowed. */
    Optional<Resolved> resolve(String simple) {
        Map<String, Set<String>> declared = gate.declaredIn(pkg);
        if (declared.containsKey(simple)) {
            return Optional.of(new Resolved(pkg + "." + simple, Object.class, declared.get(simple), true, true));
        }
        String fqn = explicit.get(simple);
        if (fqn != null) {
            return RuleAllowlist.allowedClass(fqn);
        }
        for (String p : wildcards) {
            Optional<Resolved> r = RuleAllowlist.allowedClass(p + "." + simple);
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
        Optional<Resolved> r = RuleAllowlist.allowedClass("java.lang." + simple);
        return r.isPresent() ? r : RuleAllowlist.allowedClass(RuleAllowlist.FACTS_PACKAGE + "." + simple);
    }

    /** A type name in the file's structure (pattern, field, function signature), possibly generic or an array. */
    Optional<Resolved> typeName(String text, int line, String what) {
        String raw = text.strip();
        if (raw.endsWith("[]")) {
            return typeName(raw.substring(0, raw.length() - 2), line, what);
        }
        int generic = raw.indexOf('<');
        if (generic > 0 && raw.endsWith(">")) {
            for (String arg : raw.substring(generic + 1, raw.length() - 1).split(",")) {
                String a = arg.strip();
                if (!a.equals("?")) {
                    typeName(a.replaceFirst("^\\?\\s+(extends|super)\\s+", ""), line, what);
                }
            }
            raw = raw.substring(0, generic).strip();
        }
        if (Set.of("void", "boolean", "byte", "short", "int", "long", "char").contains(raw)) {
            return Optional.empty();
        }
        if (raw.contains(".")) {
            refuse(line, what + ": the qualified type '" + raw + "' is not allowed: import an allowed type "
                    + "instead");
            return Optional.empty();
        }
        Optional<Resolved> r = resolve(raw);
        if (r.isEmpty()) {
            refuse(line, what + ": '" + raw + "' is not an allowed type: a rule file may use the fact model, "
                    + "EntryKind and value types of java.lang, java.math and java.time (see docs/architecture.md, "
                    + "\"Rules\")");
        }
        return r;
    }

    /**
     * Names a rule file declares (bindings, locals, parameters) start with a lower-case letter or '$': a
     * variable named like a type would hide the type from the gate's reading and not from the compiler's.
     */
    static boolean plainName(String name) {
        return !name.isEmpty() && (name.charAt(0) == '$' || Character.isLowerCase(name.charAt(0)));
    }

    /** The functions of this file's package, which its code may call. */
    Set<String> functions() {
        return gate.functionsIn(pkg);
    }

    /** Records that {@code function} calls {@code callee}, a function of this file's package. */
    void called(String function, String callee) {
        gate.called(function, pkg + "." + callee);
    }

    void refuse(int line, String reason) {
        gate.refuse(file, line, reason);
    }
}

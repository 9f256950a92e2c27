package org.loyaltyengine.internal;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a rule file may name and call (SPEC X-11): the value types, the packages it may import with a
 * wildcard, the methods no rule may call, the static methods that read the machine, the built-in accumulate
 * functions and the methods whose argument sets the size of what they build.
 *
 * <p>It exists apart from the gate's walks so that the whole allowlist can be read, reviewed and widened in
 * one place; the gate and the code check only ask it. It also keeps the one cache of what a fully qualified
 * name resolves to, shared by every check in the JVM.
 */
final class RuleAllowlist {
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
    static final Set<String> WILDCARD_PACKAGES = Set.of(FACTS_PACKAGE, "java.lang", "java.math", "java.time",
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
    static final Pattern HUGE_FORMAT = Pattern.compile("%[-#+ 0,(<]*(\\d+\\$)?[-#+ 0,(<]*\\d{4,}|%[^a-zA-Z%]*\\.\\d{4,}");

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

    private static final Map<String, Optional<Resolved>> CLASSES = new java.util.concurrent.ConcurrentHashMap<>();

    /** The class behind an allowed fully qualified name; facts are the public top-level classes of the fact package. */
    static Optional<Resolved> allowedClass(String fqn) {
        return CLASSES.computeIfAbsent(fqn, n -> {
            boolean fact = n.startsWith(FACTS_PACKAGE + ".") && n.indexOf('.', FACTS_PACKAGE.length() + 1) < 0;
            if (!fact && !ALLOWED_TYPES.contains(n)) {
                return Optional.empty();
            }
            try {
                Class<?> type = Class.forName(n, false, RuleAllowlist.class.getClassLoader());
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

    static boolean classExists(String fqn) {
        try {
            Class.forName(fqn, false, RuleAllowlist.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private RuleAllowlist() {
    }
}

package org.loyaltyengine.spi.conformance;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Supplier;

import org.loyaltyengine.spi.LoyaltyException;

/**
 * Feeds nulls and garbage to every public constructor and public static factory of a set of value
 * types, and reports each call that failed with anything but a {@link LoyaltyException}: a
 * NullPointerException, NumberFormatException, ArithmeticException or DateTimeException is a
 * programmer's error reaching the host untyped.
 *
 * <p>Arguments come from a pool per parameter type (null, blank, garbage, out-of-range and ordinary
 * values), drawn at random with a fixed seed so that a failure repeats. A type the pool does not know
 * gets null or, when {@link #sample} names one, a valid instance.
 */
public final class GarbageSweep {
    private final Map<Class<?>, List<Supplier<Object>>> pools = new HashMap<>();
    private final Random random = new Random(20261201L);

    public GarbageSweep() {
        pool(String.class, null, "", "   ", "abc", "12.50", "1E+400", "1E-2147483647", "-0", "EUR", "a\u0000b",
                "a\u202Eb", "x".repeat(300), "2026-02-30", "line\nbreak", "42", "NaN", "Infinity", "0x1F");
        pool(BigDecimal.class, null, BigDecimal.ZERO, BigDecimal.ONE, new BigDecimal("-1"), new BigDecimal("1E+400"),
                new BigDecimal("1E-400"), new BigDecimal("12.34567890123456789012"), new BigDecimal("100.01"),
                new BigDecimal("1E+2147483647"));
        pool(LocalDate.class, null, LocalDate.MIN, LocalDate.MAX, LocalDate.of(2026, 3, 1));
        pool(Instant.class, null, Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.parse("2026-03-01T10:00:00Z"));
        pool(Currency.class, null, Currency.getInstance("EUR"), Currency.getInstance("JPY"));
        pool(int.class, 0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE, 2026);
        pool(Integer.class, null, 0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE);
        pool(long.class, 0L, -1L, 1L, Long.MAX_VALUE, Long.MIN_VALUE, 30L);
        pool(Long.class, null, 0L, -1L, Long.MAX_VALUE);
        pool(boolean.class, true, false);
        pools.put(String[].class, List.of(() -> null, () -> new String[0], () -> new String[] {null},
                () -> new String[] {"a", ""}, () -> new String[] {"pos.manualCredit"}));
        // Element types are erased: only values that fit any list (a String in a List<SaleLine> would
        // be the sweep's own ClassCastException), and valid elements come from sample() records.
        pools.put(List.class, List.of(() -> null, List::of, () -> Arrays.asList((Object) null)));
        pools.put(Set.class, List.of(() -> null, Set::of, () -> new java.util.HashSet<>(Arrays.asList("a", null)),
                () -> Set.of("p")));
        pools.put(Map.class, List.of(() -> null, Map::of, () -> map(null, "v"), () -> map("k", null),
                () -> map("k\u0000", "v"), () -> map("k", "v\u0000"), () -> Map.of("k", "v")));
        pools.put(SortedMap.class, List.of(() -> null, TreeMap::new, () -> {
            TreeMap<String, Object> m = new TreeMap<>();
            m.put("t", null);
            return m;
        }));
    }

    private static Map<Object, Object> map(Object k, Object v) {
        Map<Object, Object> m = new HashMap<>();
        m.put(k, v);
        return m;
    }

    private void pool(Class<?> type, Object... values) {
        List<Supplier<Object>> s = new ArrayList<>();
        for (Object v : values) {
            s.add(() -> v);
        }
        pools.put(type, s);
    }

    /** Adds valid instances of a type the pool does not build itself (a record another record takes). */
    public GarbageSweep sample(Class<?> type, Object... valid) {
        List<Supplier<Object>> s = new ArrayList<>(pools.getOrDefault(type, List.of(() -> null)));
        for (Object v : valid) {
            s.add(() -> v);
        }
        pools.put(type, s);
        return this;
    }

    /**
     * Calls each public constructor and public static method of each type {@code calls} times with
     * arguments drawn from the pools; returns the calls that threw anything but a LoyaltyException.
     */
    public List<String> sweep(List<Class<?>> types, int calls) {
        List<String> failures = new ArrayList<>();
        for (Class<?> type : types) {
            List<Executable> executables = new ArrayList<>(Arrays.asList(type.getConstructors()));
            for (Method m : type.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())
                        && !m.getName().equals("values") && !m.getName().equals("valueOf")) {
                    executables.add(m);
                }
            }
            for (Executable e : executables) {
                for (int i = 0; i < calls; i++) {
                    Object[] args = new Object[e.getParameterCount()];
                    Parameter[] params = e.getParameters();
                    for (int p = 0; p < args.length; p++) {
                        args[p] = draw(params[p].getType());
                    }
                    String failure = call(e, args);
                    if (failure != null) {
                        failures.add(type.getSimpleName() + "." + (e instanceof Method ? e.getName() : "<init>")
                                + describe(args) + " threw " + failure);
                        break;
                    }
                }
            }
        }
        return failures;
    }

    private Object draw(Class<?> type) {
        List<Supplier<Object>> pool = pools.get(type);
        if (pool == null && type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            int i = random.nextInt(constants.length + 1);
            return i == constants.length ? null : constants[i];
        }
        if (pool == null) {
            return null;
        }
        return pool.get(random.nextInt(pool.size())).get();
    }

    private static String call(Executable e, Object[] args) {
        try {
            if (e instanceof Constructor<?> c) {
                c.newInstance(args);
            } else {
                ((Method) e).invoke(null, args);
            }
            return null;
        } catch (InvocationTargetException thrown) {
            Throwable cause = thrown.getCause();
            return cause instanceof LoyaltyException ? null : cause.toString();
        } catch (ReflectiveOperationException | IllegalArgumentException broken) {
            return "(could not call: " + broken + ")";
        }
    }

    private static String describe(Object[] args) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < args.length; i++) {
            String a = args[i] instanceof String[] arr ? Arrays.toString(arr) : String.valueOf(args[i]);
            s.append(i == 0 ? "" : ", ").append(a.length() > 40 ? a.substring(0, 40) + "..." : a);
        }
        return s.append(")").toString();
    }
}

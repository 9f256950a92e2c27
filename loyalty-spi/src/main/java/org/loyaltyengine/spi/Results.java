package org.loyaltyengine.spi;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Typed command results kept in an outcome's named values, so every store keeps them as it keeps any
 * value and {@link Outcome#result} reads them back as the record a rule decided.
 *
 * <p>A result record of type {@code T} is kept as a marker {@code T} and one value per component,
 * {@code T.component}; a map component as {@code T.component.key}, a list component as
 * {@code T.component.0}, {@code T.component.1} ... A null component is left out. Components may be
 * text, {@link BigDecimal}, booleans, ints, longs, {@link LocalDate}, {@link Instant}, enums, and maps
 * (text keys) or lists of those. Names are the record's simple name, so a result type's name is unique
 * across the programs of one engine.
 */
public final class Results {
    private static final String MARKER = "result";

    private Results() {
    }

    /** The named values that keep {@code result}. */
    public static Map<String, String> encode(Record result) {
        Checks.notNull(result, "result");
        Shape shape = SHAPES.get(result.getClass());
        Map<String, String> values = new TreeMap<>();
        String name = shape.name;
        values.put(name, MARKER);
        for (int c = 0; c < shape.accessors.length; c++) {
            Object v = read(shape.accessors[c], result);
            String key = shape.keys[c];
            if (v instanceof Map<?, ?> map) {
                map.forEach((k, e) -> {
                    if (e != null) {
                        values.put(key + "." + k, text(e));
                    }
                });
            } else if (v instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) != null) {
                        values.put(key + "." + i, text(list.get(i)));
                    }
                }
            } else if (v != null) {
                values.put(key, text(v));
            }
        }
        return values;
    }

    /** The result of {@code type} kept in {@code values}, or empty if there is none. */
    public static <T extends Record> Optional<T> decode(Map<String, String> values, Class<T> type) {
        Checks.notNull(type, "result type");
        String name = type.getSimpleName();
        if (!MARKER.equals(values.get(name))) {
            return Optional.empty();
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            String key = name + "." + c.getName();
            if (Map.class.isAssignableFrom(c.getType())) {
                Class<?> element = typeArgument(c.getGenericType(), 1);
                Map<String, Object> map = new LinkedHashMap<>();
                values.forEach((k, v) -> {
                    if (k.startsWith(key + ".")) {
                        map.put(k.substring(key.length() + 1), parse(element, v, k));
                    }
                });
                args[i] = map;
            } else if (List.class.isAssignableFrom(c.getType())) {
                Class<?> element = typeArgument(c.getGenericType(), 0);
                List<Object> list = new ArrayList<>();
                for (int n = 0; values.containsKey(key + "." + n); n++) {
                    list.add(parse(element, values.get(key + "." + n), key + "." + n));
                }
                args[i] = list;
            } else {
                String text = values.get(key);
                args[i] = text == null ? defaultOf(c.getType()) : parse(c.getType(), text, key);
            }
        }
        try {
            Constructor<T> canonical = type.getDeclaredConstructor(types);
            canonical.setAccessible(true);
            return Optional.of(canonical.newInstance(args));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof LoyaltyException le) {
                throw le;
            }
            throw new InvalidValueException("the stored result " + name + " does not make a valid " + name + ": "
                    + e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new InvalidValueException(name + " is not a result record: " + e);
        }
    }

    /**
     * A result type's name, its values' keys and its accessors, worked out once per type: every applied
     * command encodes its results, and reflecting on the record each time (the components, an access
     * check per accessor) was a measurable part of a POS command.
     */
    private static final class Shape {
        final String name;
        final String[] keys;
        final Method[] accessors;

        Shape(Class<?> type) {
            name = type.getSimpleName();
            RecordComponent[] components = type.getRecordComponents();
            keys = new String[components.length];
            accessors = new Method[components.length];
            for (int i = 0; i < components.length; i++) {
                keys[i] = name + "." + components[i].getName();
                Method accessor = components[i].getAccessor();
                accessor.setAccessible(true);
                accessors[i] = accessor;
            }
        }
    }

    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return new Shape(type);
        }
    };

    private static Object read(Method accessor, Record r) {
        try {
            return accessor.invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new InvalidValueException("result " + r.getClass().getSimpleName() + " cannot be read: " + e);
        }
    }

    private static String text(Object v) {
        if (v instanceof BigDecimal b) {
            return b.toPlainString();
        }
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof LocalDate || v instanceof Instant) {
            return v.toString();
        }
        throw new InvalidValueException("a result may hold text, numbers, booleans, dates, instants and enums, not "
                + v.getClass().getSimpleName());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object parse(Class<?> type, String text, String key) {
        try {
            if (type == String.class) {
                return text;
            }
            if (type == BigDecimal.class) {
                return new BigDecimal(text);
            }
            if (type == boolean.class || type == Boolean.class) {
                return Boolean.parseBoolean(text);
            }
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(text);
            }
            if (type == long.class || type == Long.class) {
                return Long.parseLong(text);
            }
            if (type == LocalDate.class) {
                return LocalDate.parse(text);
            }
            if (type == Instant.class) {
                return Instant.parse(text);
            }
            if (type.isEnum()) {
                return Enum.valueOf((Class<? extends Enum>) type, text);
            }
        } catch (RuntimeException e) {
            throw new InvalidValueException("stored result value " + key + " '" + text + "' is not a "
                    + type.getSimpleName());
        }
        throw new InvalidValueException("a result may not hold a " + type.getSimpleName() + " (" + key + ")");
    }

    private static Object defaultOf(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    private static Class<?> typeArgument(Type generic, int index) {
        if (generic instanceof ParameterizedType p && p.getActualTypeArguments()[index] instanceof Class<?> c) {
            return c;
        }
        return String.class;
    }
}

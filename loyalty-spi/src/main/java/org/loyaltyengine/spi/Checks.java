package org.loyaltyengine.spi;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.Collections;

/** Argument checks shared by the compact constructors; each failure names the field and the fix. */
public final class Checks {
    private Checks() {
    }

    public static String text(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidValueException(field + " must not be blank");
        }
        return value;
    }

    public static String optionalText(String value, String field, int maxLength) {
        if (value != null && value.length() > maxLength) {
            throw new InvalidValueException(field + " is longer than " + maxLength + " characters");
        }
        return value == null || value.isBlank() ? null : value;
    }

    public static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new InvalidValueException(field + " is required");
        }
        return value;
    }

    public static BigDecimal positive(BigDecimal value, String field) {
        notNull(value, field);
        if (value.signum() <= 0) {
            throw new InvalidValueException(field + " must be greater than zero, was " + value.toPlainString());
        }
        return value;
    }

    public static BigDecimal nonNegative(BigDecimal value, String field) {
        notNull(value, field);
        if (value.signum() < 0) {
            throw new InvalidValueException(field + " must not be negative, was " + value.toPlainString());
        }
        return value;
    }

    public static BigDecimal percent(BigDecimal value, String field) {
        nonNegative(value, field);
        if (value.compareTo(BigDecimal.valueOf(100)) > 0) {
            throw new InvalidValueException(field + " must be between 0 and 100, was " + value.toPlainString());
        }
        return value;
    }

    /** An immutable copy of a list; null becomes empty, null elements are refused. */
    public static <T> List<T> list(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (T v : values) {
            Objects.requireNonNull(v, () -> field + " must not contain null");
        }
        return List.copyOf(values);
    }

    /**
     * An immutable, key-sorted copy of a map. Sorted so that {@code toString()} (and so the
     * idempotency fingerprint of a payload) is the same in every JVM.
     */
    public static Map<String, String> sortedMap(Map<String, String> values, String field) {
        if (values == null || values.isEmpty()) {
            return Map.of();
        }
        TreeMap<String, String> copy = new TreeMap<>();
        values.forEach((k, v) -> {
            text(k, field + " key");
            copy.put(k, Objects.requireNonNull(v, () -> field + "[" + k + "] must not be null"));
        });
        return Collections.unmodifiableSortedMap(copy);
    }
}

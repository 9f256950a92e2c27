package org.loyaltyengine.customers;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;

import org.loyaltyengine.spi.InvalidValueException;

/**
 * The type of a host-defined customer field (SPEC CU-1; the seed's "Instellingen > Klantvelden"). A
 * value is checked against its field's type and kept in one canonical spelling, so the same value
 * typed twice is stored the same.
 */
public enum CustomFieldType {
    /** Free text up to {@link #MAX_TEXT} characters. */
    TEXT,
    /** A decimal number such as {@code 12} or {@code -3.50}. */
    NUMBER,
    /** An ISO date, {@code 2026-03-14}. */
    DATE,
    /** Yes or no: {@code true/false}, {@code yes/no}, {@code ja/nee}, {@code 1/0}; kept as true/false. */
    BOOLEAN;

    public static final int MAX_TEXT = 255;

    /**
     * The canonical spelling of {@code value} for a field of this type.
     *
     * @throws InvalidValueException naming the field and the expected form
     */
    public String canonical(String field, String value) {
        String v = value.strip();
        switch (this) {
            case TEXT -> {
                if (v.length() > MAX_TEXT) {
                    throw new InvalidValueException("custom field '" + field + "' is longer than " + MAX_TEXT
                            + " characters");
                }
                return v;
            }
            case NUMBER -> {
                try {
                    return new BigDecimal(v).toPlainString();
                } catch (NumberFormatException e) {
                    throw new InvalidValueException("custom field '" + field + "' must be a number such as 12.50, was '"
                            + v + "'");
                }
            }
            case DATE -> {
                try {
                    return LocalDate.parse(v).toString();
                } catch (DateTimeParseException e) {
                    throw new InvalidValueException("custom field '" + field + "' must be a date such as 2026-03-14, was '"
                            + v + "'");
                }
            }
            default -> {
                return switch (v.toLowerCase(Locale.ROOT)) {
                    case "true", "yes", "ja", "1" -> "true";
                    case "false", "no", "nee", "0" -> "false";
                    default -> throw new InvalidValueException("custom field '" + field
                            + "' must be yes or no (true/false), was '" + v + "'");
                };
            }
        }
    }
}

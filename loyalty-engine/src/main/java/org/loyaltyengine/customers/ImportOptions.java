package org.loyaltyengine.customers;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;

/**
 * How to read a customer import file (SPEC CU-3): what to do with a row whose customer number is
 * already known, and the field separator ({@code null}: detected from the header line, the one of
 * {@code ;}, {@code ,} and tab that occurs most in it).
 */
public record ImportOptions(Duplicates duplicates, Character separator) {
    /** What a row does to a customer whose number is already known (the seed's "aanvullen of negeren"). */
    public enum Duplicates { UPDATE, IGNORE }

    public ImportOptions {
        Checks.notNull(duplicates, "duplicates (UPDATE or IGNORE)");
        if (separator != null && (separator == '"' || separator == '\n' || separator == '\r')) {
            throw new InvalidValueException("separator must not be a quote or a line break, was " + separator);
        }
    }

    public static ImportOptions updating() {
        return new ImportOptions(Duplicates.UPDATE, null);
    }

    public static ImportOptions ignoring() {
        return new ImportOptions(Duplicates.IGNORE, null);
    }

    public ImportOptions withSeparator(char c) {
        return new ImportOptions(duplicates, c);
    }
}

package org.loyaltyengine.rules.facts;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * The result of {@code customers.import-row} (SPEC CU-3): the file line, what the row did, and the
 * customer it created, updated or left alone. Rules decide it with {@link #created}, {@link #updated}
 * or {@link #ignored}.
 */
public record CustomerRowImported(int line, Action action, String customerId) {
    /** What an imported row did. */
    public enum Action { CREATED, UPDATED, IGNORED }

    public CustomerRowImported {
        if (line < 1) {
            throw new InvalidValueException("an import line is 1 or more, was " + line);
        }
        Checks.notNull(action, "import action");
        Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
    }

    public static CustomerRowImported created(int line, String customerId) {
        return new CustomerRowImported(line, Action.CREATED, customerId);
    }

    public static CustomerRowImported updated(int line, String customerId) {
        return new CustomerRowImported(line, Action.UPDATED, customerId);
    }

    public static CustomerRowImported ignored(int line, String customerId) {
        return new CustomerRowImported(line, Action.IGNORED, customerId);
    }
}

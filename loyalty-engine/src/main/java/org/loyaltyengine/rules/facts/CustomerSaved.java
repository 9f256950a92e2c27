package org.loyaltyengine.rules.facts;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Limits;

/**
 * The result of {@code customers.create} and {@code customers.update} (SPEC CU-1, CU-2): the customer
 * saved and whether it was created or changed. Rules decide it with {@link #created} or {@link #updated}.
 */
public record CustomerSaved(String customerId, Action action) {
    /** What the save did to the customer. */
    public enum Action { CREATED, UPDATED }

    public CustomerSaved {
        Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
        Checks.notNull(action, "save action");
    }

    public static CustomerSaved created(String customerId) {
        return new CustomerSaved(customerId, Action.CREATED);
    }

    public static CustomerSaved updated(String customerId) {
        return new CustomerSaved(customerId, Action.UPDATED);
    }
}

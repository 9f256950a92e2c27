package org.loyaltyengine.customers;

import org.loyaltyengine.spi.Checks;

/** A customer as the registry keeps it: the engine's id and the master data. */
public record RegisteredCustomer(String id, CustomerProfile profile) {
    public RegisteredCustomer {
        Checks.text(id, "customer id");
        Checks.notNull(profile, "customer profile");
    }
}

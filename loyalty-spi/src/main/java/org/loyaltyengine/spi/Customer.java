package org.loyaltyengine.spi;

import java.util.Map;

/**
 * A customer every program identifies the same way: a tenant-unique id, an optional customer number
 * (unique within the tenant when given), a name, and further master data as attributes.
 */
public record Customer(String id, String number, String name, Map<String, String> attributes) {
    public Customer {
        Checks.identifier(id, "customer id", Limits.IDENTIFIER);
        Checks.optionalIdentifier(number, "customer number", Limits.CUSTOMER_NUMBER);
        Checks.name(name, "customer name", Limits.NAME);
        attributes = Checks.sortedMap(attributes, "customer attributes");
    }
}

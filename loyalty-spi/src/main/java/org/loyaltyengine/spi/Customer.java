package org.loyaltyengine.spi;

import java.util.Map;

/**
 * A customer every program identifies the same way: a tenant-unique id, an optional customer number
 * (unique within the tenant when given), a name, and further master data as attributes.
 */
public record Customer(String id, String number, String name, Map<String, String> attributes) {
    public Customer {
        Checks.text(id, "customer id");
        number = Checks.optionalText(number, "customer number", 64);
        Checks.text(name, "customer name");
        attributes = Checks.sortedMap(attributes, "customer attributes");
    }
}

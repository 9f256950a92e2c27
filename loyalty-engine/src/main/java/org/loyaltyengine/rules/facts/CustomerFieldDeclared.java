package org.loyaltyengine.rules.facts;

import org.loyaltyengine.spi.Checks;

/**
 * The result of {@code customers.declare-field} (SPEC CU-1): the custom field declared and its type,
 * the name of a {@code CustomFieldType} ({@code TEXT}, {@code BOOLEAN} ...), as the declaration fact
 * carries it.
 */
public record CustomerFieldDeclared(String field, String type) {
    public CustomerFieldDeclared {
        Checks.text(field, "custom field");
        Checks.text(type, "custom field type");
    }
}

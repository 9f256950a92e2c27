package org.loyaltyengine.customers;

import java.util.Map;
import java.util.TreeMap;

import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.StoreTransaction;

/**
 * The tenant's custom field declarations, kept in the program settings of {@code customers} as
 * {@code field.<name> = <TYPE>}, and the check of a profile's custom field values against them.
 */
final class CustomFields {
    private CustomFields() {
    }

    static Map<String, CustomFieldType> declared(StoreTransaction tx) {
        Map<String, CustomFieldType> out = new TreeMap<>();
        tx.settings().of(CustomerRegistry.PROGRAM).forEach((k, v) -> {
            if (k.startsWith(CustomerProfile.FIELD_PREFIX)) {
                out.put(k.substring(CustomerProfile.FIELD_PREFIX.length()), CustomFieldType.valueOf(v));
            }
        });
        return out;
    }

    /**
     * The profile with its custom field values in canonical form.
     *
     * @throws InvalidValueException for a field that is not declared or a value that does not fit its type
     */
    static CustomerProfile check(CustomerProfile profile, Map<String, CustomFieldType> declared) {
        if (profile.customFields().isEmpty()) {
            return profile;
        }
        Map<String, String> canonical = new TreeMap<>();
        profile.customFields().forEach((name, value) -> {
            CustomFieldType type = declared.get(name);
            if (type == null) {
                throw new InvalidValueException("unknown custom field '" + name
                        + "'; declare it first (customer fields in the settings)" + (declared.isEmpty() ? ""
                        : "; declared fields: " + String.join(", ", declared.keySet())));
            }
            canonical.put(name, type.canonical(name, value));
        });
        if (canonical.equals(profile.customFields())) {
            return profile;
        }
        CustomerProfile.Builder b = profile.toBuilder();
        canonical.forEach(b::field);
        return b.build();
    }
}

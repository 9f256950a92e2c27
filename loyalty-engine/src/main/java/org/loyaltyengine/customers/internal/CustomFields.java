package org.loyaltyengine.customers.internal;

import java.util.Map;
import java.util.TreeMap;

import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.spi.InvalidValueException;

/**
 * The tenant's custom field declarations, kept in the program settings of {@code customers} as
 * {@code field.<name> = <TYPE>}, and the check of a profile's custom field values against them.
 */
final class CustomFields {
    private CustomFields() {
    }

    /** The declarations, read once through the view. */
    static Map<String, CustomFieldType> declared(StoreView view) {
        return declared(view.settings(Customers.PROGRAM));
    }

    /** The declarations among the program's settings as read. */
    static Map<String, CustomFieldType> declared(Map<String, String> settings) {
        Map<String, CustomFieldType> out = new TreeMap<>();
        settings.forEach((k, v) -> {
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

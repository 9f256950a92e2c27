package org.loyaltyengine.customers.internal;

import java.util.Set;
import java.util.TreeSet;

import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.LockKey;

/** What saving a profile depends on, shared by the commands that save one. */
final class Profiles {
    private Profiles() {
    }

    /**
     * The keys a command saving this profile locks besides the customer's own: the number it takes (two
     * commands taking one free number then run one after the other and the second sees it taken), and,
     * when it carries custom field values, the program's settings, so that no field changes its type
     * while a value checked against the old type is being written ({@code declare-field} locks them too); and
     * the e-mail address it gives, which an order of a buyer without a number may find its customer by: an
     * order and a save of that address run one after the other, so the order sees the customer with it or
     * without it, and never creates a second customer while the first is being given the address.
     */
    static Set<LockKey> keys(CustomerProfile profile) {
        Set<LockKey> keys = new TreeSet<>();
        if (profile.number() != null) {
            keys.add(LockKey.customerNumber(profile.number()));
        }
        String email = org.loyaltyengine.spi.Customers.normalEmail(profile.email());
        if (email != null) {
            keys.add(ReceiveOrder.emailLock(email));
        }
        if (!profile.customFields().isEmpty()) {
            keys.add(LockKey.settings(Customers.PROGRAM));
        }
        return keys;
    }

    /** The id of the customer holding the profile's number, or null when it has none or the number is free. */
    static String holder(StoreView view, CustomerProfile profile) {
        return profile.number() == null ? null : view.customerByNumber(profile.number()).map(Customer::id).orElse(null);
    }
}

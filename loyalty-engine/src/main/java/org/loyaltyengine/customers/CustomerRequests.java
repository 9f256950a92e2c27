package org.loyaltyengine.customers;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * What the commands of {@link Customers} ask (SPEC CU-1, CU-2), one record per command. Each validates
 * in its constructor, so a request that exists is one the program can decide on; its {@code toString()}
 * is part of the idempotency fingerprint, so a repeated key with another request is told apart.
 */
public final class CustomerRequests {
    private CustomerRequests() {
    }

    /**
     * Creates a customer with this master data. {@code customerId} is the host's own id for it (an
     * identifier of at most 255 characters, the host's CRM number for example), or null: then the
     * engine derives one from the tenant and the idempotency key, so a retried or previewed command
     * names the same customer and the same key used in two tenants names two customers. An id another
     * customer of the tenant holds already is refused ({@code DUPLICATE_KEY}) before anything is written.
     */
    public record Create(String customerId, CustomerProfile profile) {
        public Create {
            customerId = Checks.optionalIdentifier(customerId, "customer id", Limits.IDENTIFIER);
            Checks.notNull(profile, "customer profile");
        }

        /** A customer whose id the engine derives. */
        public static Create of(CustomerProfile profile) {
            return new Create(null, profile);
        }

        /** A customer under the host's own id. */
        public static Create withId(String customerId, CustomerProfile profile) {
            return new Create(Checks.identifier(customerId, "customer id", Limits.IDENTIFIER), profile);
        }
    }

    /** Replaces the master data of the customer with this id. */
    public record Update(String customerId, CustomerProfile profile) {
        public Update {
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
            Checks.notNull(profile, "customer profile");
        }
    }

    /** Declares a custom field with its type, or changes the type of one no customer holds a value for. */
    public record DeclareField(String name, CustomFieldType type) {
        public DeclareField {
            if (name == null || !CustomerProfile.FIELD_NAME.matcher(name).matches()) {
                throw new InvalidValueException("custom field name '" + name
                        + "' must start with a letter and hold only letters, digits and _ (at most 40)");
            }
            Checks.notNull(type, "custom field type");
        }
    }

    /**
     * The program's settings (SPEC CU-7), set as a whole by {@link Customers#configure}:
     * {@code matchBuyersByEmail}, whether an order without a customer number whose buyer the webshop's own
     * reference does not recognise goes to the one customer with the buyer's e-mail address (ignoring
     * case). Off until a host turns it on (the default of the rule set in force, {@code
     * setting.matchBuyersByEmail} in its {@code ruleset.properties}): an e-mail address is not always one
     * buyer's (a family, a shared office address), so linking by it is the shop's choice.
     */
    public record Configure(boolean matchBuyersByEmail) {
    }
}

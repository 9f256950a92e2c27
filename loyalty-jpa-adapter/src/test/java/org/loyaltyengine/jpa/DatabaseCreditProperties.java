package org.loyaltyengine.jpa;

import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.credits.CreditProperties;

/**
 * The prepaid credits properties (from loyalty-testing), unchanged, on the database its concrete class names with
 * {@link OnDatabase} (whose skip hook leaves out a server database that does not answer); that class also sets
 * the tries ({@code @PropertyDefaults}).
 */
abstract class DatabaseCreditProperties extends CreditProperties {
    @Override
    protected LoyaltyStore newStore() {
        return getClass().getAnnotation(OnDatabase.class).value().store();
    }
}

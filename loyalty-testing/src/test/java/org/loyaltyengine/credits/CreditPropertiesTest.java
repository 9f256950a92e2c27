package org.loyaltyengine.credits;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Tag;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.credits.CreditProperties;

/** The prepaid credits properties on the embedded in-memory store, with the most tries. */
@PropertyDefaults(tries = 150)
@Tag("X-3")
@Tag("X-13")
class CreditPropertiesTest extends CreditProperties {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Tag;

import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.card.CustomerCardReturnsProperties;

/**
 * The customer card's returns property (SPEC X-13) on H2 (in memory); fewer tries than in memory, each a practice of
 * its own, since every step is a few round trips.
 */
@Tag("X-13")
@OnDatabase(TestDatabase.H2)
@PropertyDefaults(tries = 8)
class H2CardReturnsPropertiesTest extends CustomerCardReturnsProperties {
    @Override
    protected LoyaltyStore newStore() {
        return TestDatabase.H2.store();
    }
}

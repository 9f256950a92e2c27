package org.loyaltyengine.card;

import net.jqwik.api.Tag;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.card.CustomerCardReturnsProperties;

/** The customer card's returns property on the embedded in-memory store, with the most tries. */
@Tag("X-3")
@Tag("X-13")
class CustomerCardReturnsPropertiesTest extends CustomerCardReturnsProperties {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

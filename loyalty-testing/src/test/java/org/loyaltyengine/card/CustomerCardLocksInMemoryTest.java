package org.loyaltyengine.card;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.card.CustomerCardLocksContract;

/** The customer card's locks on the in-memory store, which runs a tenant's transactions one after the other. */
@Tag("X-5")
class CustomerCardLocksInMemoryTest extends CustomerCardLocksContract {
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

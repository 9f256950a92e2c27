package org.loyaltyengine.testing.points;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The savings-points races on the in-memory store, which runs a tenant's transactions one at a time. */
class SavingsPointsRacesInMemoryTest extends SavingsPointsRacesContract {
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

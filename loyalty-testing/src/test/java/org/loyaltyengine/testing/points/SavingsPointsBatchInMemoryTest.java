package org.loyaltyengine.testing.points;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The year-end expiry in batch mode on the in-memory store. */
class SavingsPointsBatchInMemoryTest extends SavingsPointsBatchContract {
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

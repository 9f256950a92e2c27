package org.loyaltyengine.testing.credits;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The lot expiry in batch mode on the in-memory store. */
class CreditsBatchInMemoryTest extends CreditsBatchContract {
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

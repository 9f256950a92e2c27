package org.loyaltyengine.testing.card;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The bulk enrolment in batch mode and the paged overview on the in-memory store. */
class CustomerCardsBatchInMemoryTest extends CustomerCardsBatchContract {
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

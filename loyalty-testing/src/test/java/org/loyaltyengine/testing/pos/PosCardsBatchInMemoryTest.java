package org.loyaltyengine.testing.pos;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The reservations' expiry in batch mode on the in-memory store. */
class PosCardsBatchInMemoryTest extends PosCardsBatchContract {
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

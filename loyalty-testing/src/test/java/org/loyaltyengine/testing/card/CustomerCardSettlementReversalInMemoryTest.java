package org.loyaltyengine.testing.card;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** A settlement taken back (CC-12) on the embedded in-memory store. */
class CustomerCardSettlementReversalInMemoryTest extends CustomerCardSettlementReversalContract {
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

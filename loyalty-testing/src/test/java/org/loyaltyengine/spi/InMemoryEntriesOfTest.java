package org.loyaltyengine.spi;

import org.loyaltyengine.spi.conformance.EntriesOfContract;

/** The entries of many accounts in one read, on the embedded store. */
class InMemoryEntriesOfTest extends EntriesOfContract {
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

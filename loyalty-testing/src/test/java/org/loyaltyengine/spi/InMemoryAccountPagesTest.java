package org.loyaltyengine.spi;

import org.loyaltyengine.spi.conformance.AccountPagesContract;

/** The paged account listing on the embedded store. */
class InMemoryAccountPagesTest extends AccountPagesContract {
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

package org.loyaltyengine.spi;

import org.loyaltyengine.spi.conformance.CustomerPagesContract;

/** The paged customer listing on the embedded store. */
class InMemoryCustomerPagesTest extends CustomerPagesContract {
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

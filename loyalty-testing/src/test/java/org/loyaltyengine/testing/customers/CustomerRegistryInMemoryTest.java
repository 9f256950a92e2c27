package org.loyaltyengine.testing.customers;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The customer registry suite on the embedded in-memory store. */
@Tag("CU-1")
class CustomerRegistryInMemoryTest extends CustomerRegistryContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

package org.loyaltyengine.testing.customers;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The customer import suite on the embedded in-memory store. */
@Tag("CU-3")
class CustomerImportInMemoryTest extends CustomerImportContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

package org.loyaltyengine.testing.card;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The customer-card suite on the embedded in-memory store. */
@Tag("CC-1")
class CustomerCardInMemoryTest extends CustomerCardContract {
    // One store for the class, so the suite builds one engine (each test works in a fresh tenant).
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

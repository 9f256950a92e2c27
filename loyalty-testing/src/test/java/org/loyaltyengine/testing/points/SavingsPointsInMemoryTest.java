package org.loyaltyengine.testing.points;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The savings-points suite on the embedded in-memory store. */
@Tag("SP-1")
class SavingsPointsInMemoryTest extends SavingsPointsContract {
    // One store for the class, so the suite builds one engine (each test works in a fresh tenant).
    private static final LoyaltyStore STORE = new InMemoryStore();

    @Override
    protected LoyaltyStore newStore() {
        return STORE;
    }
}

package org.loyaltyengine.testing.pos;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The POS card suite on the embedded in-memory store. */
@Tag("PC-1")
class PosCardInMemoryTest extends PosCardContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

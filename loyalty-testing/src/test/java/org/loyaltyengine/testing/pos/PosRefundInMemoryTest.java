package org.loyaltyengine.testing.pos;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The POS refund suite on the embedded in-memory store. */
@Tag("X-13")
class PosRefundInMemoryTest extends PosRefundContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

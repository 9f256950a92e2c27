package org.loyaltyengine.testing.pos;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The voucher suite on the embedded in-memory store. */
@Tag("PC-12")
class PosVoucherInMemoryTest extends PosVoucherContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

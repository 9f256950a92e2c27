package org.loyaltyengine.testing;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The command log suite on the embedded in-memory store. */
class CommandLogInMemoryTest extends CommandLogContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

package org.loyaltyengine.testing;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The permissions of every command on the embedded in-memory store. */
@Tag("X-8")
class PermissionsInMemoryTest extends PermissionsContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

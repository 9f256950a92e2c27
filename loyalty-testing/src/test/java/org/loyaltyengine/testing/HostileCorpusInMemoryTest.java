package org.loyaltyengine.testing;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The hostile corpus on the embedded in-memory store. */
@Tag("X-10")
class HostileCorpusInMemoryTest extends HostileCorpusContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

package org.loyaltyengine.testing.credits;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The prepaid-credits suite {@link CreditReturnsContract} on the embedded in-memory store. */
@Tag("X-13")
class CreditReturnsInMemoryTest extends CreditReturnsContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

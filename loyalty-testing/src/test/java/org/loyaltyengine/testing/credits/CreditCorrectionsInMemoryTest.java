package org.loyaltyengine.testing.credits;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The prepaid-credits suite {@link CreditCorrectionsContract} on the embedded in-memory store. */
@Tag("CR-3")
class CreditCorrectionsInMemoryTest extends CreditCorrectionsContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

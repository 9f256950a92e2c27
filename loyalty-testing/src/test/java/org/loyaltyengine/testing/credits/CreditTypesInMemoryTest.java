package org.loyaltyengine.testing.credits;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The prepaid-credits suite {@link CreditTypesContract} on the embedded in-memory store. */
@Tag("CR-1")
class CreditTypesInMemoryTest extends CreditTypesContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

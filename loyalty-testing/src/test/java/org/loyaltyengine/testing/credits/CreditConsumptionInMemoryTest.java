package org.loyaltyengine.testing.credits;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The prepaid-credits suite {@link CreditConsumptionContract} on the embedded in-memory store. */
@Tag("CR-4")
class CreditConsumptionInMemoryTest extends CreditConsumptionContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

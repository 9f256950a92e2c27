package org.loyaltyengine.testing.credits;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The prepaid-credits suite {@link CreditReportsContract} on the embedded in-memory store. */
@Tag("CR-8")
class CreditReportsInMemoryTest extends CreditReportsContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

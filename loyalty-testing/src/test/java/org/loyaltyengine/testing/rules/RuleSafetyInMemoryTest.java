package org.loyaltyengine.testing.rules;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The rule-safety suite on the embedded in-memory store. */
@Tag("X-11")
class RuleSafetyInMemoryTest extends RuleSafetyContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

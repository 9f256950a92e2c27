package org.loyaltyengine.rules;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The rule-safety suite on the embedded in-memory store. */
class RuleSafetyInMemoryTest extends RuleSafetyContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

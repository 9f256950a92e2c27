package org.loyaltyengine.points;

import net.jqwik.api.Tag;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.points.SavingsPointsReturnsProperties;

/** The returns property of the savings points (SPEC X-13) on the in-memory store, with the suite's 150 tries. */
@Tag("X-3")
@Tag("X-13")
class SavingsPointsReturnsPropertiesTest extends SavingsPointsReturnsProperties {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

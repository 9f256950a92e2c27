package org.loyaltyengine.spi;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.conformance.LoyaltyStoreConformance;

/** The SPI conformance suite against the embedded store. */
@Tag("X-2")
class InMemoryStoreConformanceTest extends LoyaltyStoreConformance {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

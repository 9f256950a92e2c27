package org.loyaltyengine.pos;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Tag;

import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.pos.PosReturnsProperties;

/** The POS returns property on the embedded in-memory store, with the most tries. */
@PropertyDefaults(tries = 40)
@Tag("X-3")
@Tag("X-13")
class PosReturnsPropertiesTest extends PosReturnsProperties {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

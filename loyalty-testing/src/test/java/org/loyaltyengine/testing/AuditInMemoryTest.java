package org.loyaltyengine.testing;

import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;

/** The audit trail on the embedded in-memory store. */
@Tag("X-8")
class AuditInMemoryTest extends AuditContract {
    @Override
    protected LoyaltyStore newStore() {
        return new InMemoryStore();
    }
}

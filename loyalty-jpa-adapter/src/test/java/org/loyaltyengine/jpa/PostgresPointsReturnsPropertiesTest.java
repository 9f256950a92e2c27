package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Tag;

import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.points.SavingsPointsReturnsProperties;

/** The savings points' returns property (SPEC X-13) on PostgreSQL; fewer tries than in memory, each a tenant of its own. */
@Tag("X-13")
@OnDatabase(TestDatabase.POSTGRESQL)
@PropertyDefaults(tries = 25)
class PostgresPointsReturnsPropertiesTest extends SavingsPointsReturnsProperties {
    @Override
    protected LoyaltyStore newStore() {
        return TestDatabase.POSTGRESQL.store();
    }
}

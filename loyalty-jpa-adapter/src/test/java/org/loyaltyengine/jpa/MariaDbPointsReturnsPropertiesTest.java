package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Tag;

import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.points.SavingsPointsReturnsProperties;

/** The savings points' returns property (SPEC X-13) on MariaDB; fewer tries than in memory, each a tenant of its own. */
@Tag("X-13")
@OnDatabase(TestDatabase.MARIADB)
@PropertyDefaults(tries = 25)
class MariaDbPointsReturnsPropertiesTest extends SavingsPointsReturnsProperties {
    @Override
    protected LoyaltyStore newStore() {
        return TestDatabase.MARIADB.store();
    }
}

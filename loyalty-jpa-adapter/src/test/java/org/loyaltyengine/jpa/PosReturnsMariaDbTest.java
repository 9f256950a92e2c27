package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;

/** The POS returns property on MariaDB, with fewer tries than in memory: every step is a round trip. */
@OnDatabase(TestDatabase.MARIADB)
@PropertyDefaults(tries = 5)
class PosReturnsMariaDbTest extends DatabaseReturnsProperties {
}

package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Tag;

/** The POS returns property on MariaDB, with fewer tries than in memory: every step is a round trip. */
@Tag("X-13")
@OnDatabase(TestDatabase.MARIADB)
@PropertyDefaults(tries = 5)
class PosReturnsMariaDbTest extends DatabaseReturnsProperties {
}

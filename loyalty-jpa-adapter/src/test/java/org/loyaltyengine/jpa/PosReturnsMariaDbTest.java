package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** The POS returns property on MariaDB, with fewer tries than in memory: every step is a round trip. */
@OnDatabase(TestDatabase.MARIADB)
@AddLifecycleHook(OnDatabaseHook.class)
@PropertyDefaults(tries = 5)
class PosReturnsMariaDbTest extends DatabaseReturnsProperties {
}

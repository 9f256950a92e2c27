package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** The POS returns property on PostgreSQL, with fewer tries than in memory: every step is a round trip. */
@OnDatabase(TestDatabase.POSTGRESQL)
@AddLifecycleHook(OnDatabaseHook.class)
@PropertyDefaults(tries = 5)
class PosReturnsPostgresTest extends DatabaseReturnsProperties {
}

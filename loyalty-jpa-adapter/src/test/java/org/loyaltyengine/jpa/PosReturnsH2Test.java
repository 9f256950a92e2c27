package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/** The POS returns property on H2 (in memory), with fewer tries than in memory: every step is a round trip. */
@OnDatabase(TestDatabase.H2)
@AddLifecycleHook(OnDatabaseHook.class)
@PropertyDefaults(tries = 8)
class PosReturnsH2Test extends DatabaseReturnsProperties {
}

package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;

/** The POS returns property on H2 (in memory), with fewer tries than in memory: every step is a round trip. */
@OnDatabase(TestDatabase.H2)
@PropertyDefaults(tries = 8)
class PosReturnsH2Test extends DatabaseReturnsProperties {
}

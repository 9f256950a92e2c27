package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Tag;

/** The POS returns property on H2 (in memory), with fewer tries than in memory: every step is a round trip. */
@Tag("X-13")
@OnDatabase(TestDatabase.H2)
@PropertyDefaults(tries = 8)
class PosReturnsH2Test extends DatabaseReturnsProperties {
}

package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Tag;

/** The POS returns property on PostgreSQL, with fewer tries than in memory: every step is a round trip. */
@Tag("X-13")
@OnDatabase(TestDatabase.POSTGRESQL)
@PropertyDefaults(tries = 5)
class PosReturnsPostgresTest extends DatabaseReturnsProperties {
}

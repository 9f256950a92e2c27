package org.loyaltyengine.jpa;

import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Tag;

/** The prepaid credits properties on H2 (in memory), with fewer tries than in memory: every step is a round trip. */
@Tag("CR-3")
@Tag("CR-8")
@Tag("X-13")
@OnDatabase(TestDatabase.H2)
@PropertyDefaults(tries = 20)
class CreditPropertiesH2Test extends DatabaseCreditProperties {
}

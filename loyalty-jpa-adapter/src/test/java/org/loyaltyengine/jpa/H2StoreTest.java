package org.loyaltyengine.jpa;

import org.junit.jupiter.api.Tag;

/** The JPA store on H2 (in memory). */
@Tag("X-2")
@OnDatabase(TestDatabase.H2)
class H2StoreTest extends JpaStoreContract {
}

package org.loyaltyengine.jpa;

import org.junit.jupiter.api.Tag;

/** The JPA store on MariaDB. */
@Tag("X-2")
@OnDatabase(TestDatabase.MARIADB)
class MariaDbStoreTest extends JpaStoreContract {
}

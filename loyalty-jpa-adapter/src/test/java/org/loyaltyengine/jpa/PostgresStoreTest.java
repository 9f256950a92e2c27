package org.loyaltyengine.jpa;

import org.junit.jupiter.api.Tag;

/** The JPA store on PostgreSQL. */
@Tag("X-2")
@OnDatabase(TestDatabase.POSTGRESQL)
class PostgresStoreTest extends JpaStoreContract {
}

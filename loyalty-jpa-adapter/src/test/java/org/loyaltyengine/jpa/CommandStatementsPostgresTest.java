package org.loyaltyengine.jpa;

import org.junit.jupiter.api.Tag;

/** Statements per command on PostgreSQL. */
@OnDatabase(TestDatabase.POSTGRESQL)
@Tag("X-4")
class CommandStatementsPostgresTest extends CommandStatementsContract {
}

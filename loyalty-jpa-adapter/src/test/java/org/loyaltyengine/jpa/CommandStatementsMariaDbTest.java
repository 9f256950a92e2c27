package org.loyaltyengine.jpa;

import org.junit.jupiter.api.Tag;

/** Statements per command on MariaDB. */
@OnDatabase(TestDatabase.MARIADB)
@Tag("X-4")
class CommandStatementsMariaDbTest extends CommandStatementsContract {
}

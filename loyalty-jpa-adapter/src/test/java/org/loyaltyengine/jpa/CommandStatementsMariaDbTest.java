package org.loyaltyengine.jpa;

/** Statements per command on MariaDB. */
@OnDatabase(TestDatabase.MARIADB)
class CommandStatementsMariaDbTest extends CommandStatementsContract {
}

package org.loyaltyengine.jpa;

/** Statements per command on PostgreSQL. */
@OnDatabase(TestDatabase.POSTGRESQL)
class CommandStatementsPostgresTest extends CommandStatementsContract {
}

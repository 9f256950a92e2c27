package org.loyaltyengine.jpa;

/** Statements per command on H2. */
@OnDatabase(TestDatabase.H2)
class CommandStatementsH2Test extends CommandStatementsContract {
}

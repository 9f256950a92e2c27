package org.loyaltyengine.jpa;

import org.junit.jupiter.api.Tag;

/** Statements per command on H2. */
@OnDatabase(TestDatabase.H2)
@Tag("X-4")
class CommandStatementsH2Test extends CommandStatementsContract {
}

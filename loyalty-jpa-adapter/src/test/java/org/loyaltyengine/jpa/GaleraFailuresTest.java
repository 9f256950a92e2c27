package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransactionRollbackException;

import jakarta.persistence.PersistenceException;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.StoreException;

/**
 * What a MariaDB Galera node reports, as the MariaDB driver hands it over, and what the adapter makes of it.
 * The messages and codes are those a 10.11 node gave in the Galera run ({@code GaleraScaleOutTest}) and the
 * server's documented wsrep refusals: a transaction that lost certification at commit, or was aborted by a
 * replicated write set (a brute-force abort) before it, is a deadlock (1213, SQLState 40001) and is re-run;
 * a node that is not part of the primary component refuses with 1047 and SQLState 08S01, which is a lost
 * connection (re-run before the commit, COMMIT_OUTCOME_UNKNOWN during it).
 */
@Tag("X-5")
class GaleraFailuresTest {
    @Test
    void certificationFailureAtCommit_isTransientAndReRuns() {
        SQLException certification = new SQLTransactionRollbackException(
                "(conn=23) Deadlock found when trying to get lock; try restarting transaction", "40001", 1213);
        RuntimeException wrapped = new PersistenceException("commit failed", certification);
        assertTrue(Failures.isTransient(wrapped));
        assertFalse(Failures.isConnectionLost(wrapped));
        RuntimeException typed = Failures.typed(wrapped);
        assertTrue(typed instanceof StoreException, () -> "typed as " + typed);
        assertEquals(certification, rootOf(typed));
    }

    @Test
    void wsrepDeadlockMessage_isTransient() {
        // The wording some wsrep builds give a brute-force abort; the code and state are what count.
        assertTrue(Failures.isTransient(new PersistenceException(new SQLTransactionRollbackException(
                "WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction",
                "40001", 1213))));
    }

    @Test
    void lockWaitTimeout_isTransient() {
        assertTrue(Failures.isTransient(new PersistenceException(new SQLException(
                "Lock wait timeout exceeded; try restarting transaction", "HY000", 1205))));
    }

    @Test
    void nodeOutsideThePrimaryComponent_isALostConnectionNotAConflict() {
        RuntimeException notReady = new PersistenceException(new SQLNonTransientConnectionException(
                "WSREP has not yet prepared node for application use", "08S01", 1047));
        assertTrue(Failures.isConnectionLost(notReady));
        assertFalse(Failures.isTransient(notReady));
    }

    private static Throwable rootOf(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root;
    }
}

package org.loyaltyengine.jpa;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import jakarta.persistence.LockTimeoutException;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PessimisticLockException;

import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.StoreException;

/**
 * Reads what a database failure means from the SQLException inside whatever the provider wrapped it
 * in, so the adapter needs nothing provider-specific.
 */
final class Failures {
    /** Serialization failure (PostgreSQL, H2 deadlock, MariaDB deadlock) and PostgreSQL's deadlock. */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01");
    /**
     * MariaDB 1213 deadlock, 1205 lock wait timeout, 1020 record changed since last read;
     * H2 40001 deadlock, 50200 lock timeout, 90131 concurrent update. PostgreSQL reports 0 here.
     */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1213, 1205, 1020, 40001, 50200, 90131);
    /**
     * H2's own codes for a connection that is gone: 90067 broken, 90007 used after it was closed,
     * 90098 and 90121 database closed. PostgreSQL and MariaDB use SQLState class 08.
     */
    private static final Set<Integer> CONNECTION_CODES_H2 = Set.of(90067, 90007, 90098, 90121);
    /** PostgreSQL and H2 say 23505; MariaDB says 23000 for every integrity error, so its codes decide. */
    private static final Set<Integer> UNIQUE_CODES_MARIADB = Set.of(1062, 1586);

    private Failures() {
    }

    /** A failure the same work may succeed at on a fresh transaction. */
    static boolean isTransient(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof Retry || t instanceof OptimisticLockException || t instanceof PessimisticLockException
                    || t instanceof LockTimeoutException) {
                return true;
            }
            if (t instanceof SQLException e
                    && (TRANSIENT_STATES.contains(e.getSQLState()) || TRANSIENT_CODES.contains(e.getErrorCode()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The connection broke (SQLState class 08, or the driver's connection exception classes). Before
     * the commit this loses nothing: the server rolls back what the transaction did, so the work may
     * run again on another connection. At the commit it is another matter, which the store decides.
     */
    static boolean isConnectionLost(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException e && ((e.getSQLState() != null && e.getSQLState().startsWith("08"))
                    || CONNECTION_CODES_H2.contains(e.getErrorCode()))) {
                return true;
            }
        }
        return false;
    }

    /** A unique constraint refused an insert or update. */
    static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof SQLException e && ("23505".equals(e.getSQLState())
                    || ("23000".equals(e.getSQLState()) && UNIQUE_CODES_MARIADB.contains(e.getErrorCode())))) {
                return true;
            }
        }
        return false;
    }

    /** SQLState class 22, data exception: a value too long, out of range, or not valid for its column. */
    static boolean isDataException(Throwable failure) {
        return sqlState(failure) != null && sqlState(failure).startsWith("22");
    }

    /**
     * A column the statement names is not in its table: SQLState 42S22 (MariaDB's 1054, H2's 42122) or
     * PostgreSQL's 42703. The statements are the adapter's own, so it means a schema older than the adapter.
     */
    static boolean isUndefinedColumn(Throwable failure) {
        String state = sqlState(failure);
        return "42S22".equals(state) || "42703".equals(state);
    }

    /** The first SQLState in the cause chain, or null. */
    static String sqlState(Throwable failure) {
        for (Throwable t : chain(failure)) {
            if (t instanceof SQLException e && e.getSQLState() != null) {
                return e.getSQLState();
            }
        }
        return null;
    }

    /**
     * What a failure of the persistence layer (JPA, the provider, JDBC) means to the work and the
     * caller, as a {@link LoyaltyException} with a stable code; the original stays the cause, so a
     * conflict or a lost connection is still recognised (by its SQLState) and re-runs the work. The
     * adapter's own typed errors and re-run signals pass unchanged.
     */
    static RuntimeException typed(RuntimeException e) {
        if (e instanceof LoyaltyException || e instanceof Retry) {
            return e;
        }
        String state = sqlState(e);
        String detail = " (" + (state == null ? e.getClass().getSimpleName() : "SQLState " + state) + ": "
                + rootMessage(e) + ")";
        if (isTransient(e)) {
            return StoreException.failed("the database refused the transaction as a conflict with another;"
                    + " the store re-runs the work" + detail, e);
        }
        if (isConnectionLost(e)) {
            return StoreException.failed("the connection to the database was lost; the store re-runs the work"
                    + " on a fresh connection" + detail, e);
        }
        if (isUniqueViolation(e)) {
            return new DuplicateKeyException("unique key", String.valueOf(rootMessage(e)));
        }
        if (isUndefinedColumn(e)) {
            // Not a conflict and not the caller's fault: the tables were made by an older script (one without
            // le_account_lock.lock_count, say). The scripts add missing columns, so running one again mends it.
            return StoreException.schemaOutdated("the database's tables lack a column the store uses" + detail
                    + "; nothing was applied. Run the adapter's schema script for this database again"
                    + " (org/loyaltyengine/jpa/schema/<postgresql|mariadb|h2>.sql, which adds missing columns)", e);
        }
        if (isDataException(e)) {
            return new InvalidValueException("the database refused a value as too long, out of range or malformed"
                    + detail + "; nothing was applied", e);
        }
        return StoreException.failed("the database refused the operation" + detail + "; nothing was applied", e);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage();
        return m == null ? root.getClass().getSimpleName() : m.length() > 300 ? m.substring(0, 300) + "..." : m;
    }

    /** The causes of a failure, and the chained SQLExceptions of each, without looping on cycles. */
    private static Iterable<Throwable> chain(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Throwable> todo = new ArrayDeque<>();
        List<Throwable> out = new ArrayList<>();
        if (failure != null) {
            todo.add(failure);
        }
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof SQLException e && e.getNextException() != null) {
                todo.add(e.getNextException());
            }
        }
        return out;
    }

    /**
     * A failure the adapter itself recognised as one the same work gets past on a fresh transaction, which
     * {@link #isTransient} therefore counts as transient, so the store runs the work again:
     * <ul>
     *   <li>a race on a row that must be inserted once, which another transaction won: two transactions
     *       opening the same account, or locking the same key for the first time (its lock row); the
     *       re-run finds the winner's row and locks it or waits on it;</li>
     *   <li>the connection lost before the commit was sent: the server rolled everything back, so the
     *       re-run on a fresh connection applies nothing twice;</li>
     *   <li>no connection to be had for a new transaction, or one that broke on begin: nothing was done.</li>
     * </ul>
     * A connection lost while committing is none of these: it is {@code COMMIT_OUTCOME_UNKNOWN}, never re-run.
     */
    static final class Retry extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Retry(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

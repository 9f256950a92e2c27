package org.loyaltyengine.jpa;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.EntityTransaction;
import jakarta.persistence.Persistence;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.IllegalStoreUseException;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.StoreException;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;

/**
 * A {@link LoyaltyStore} on Jakarta Persistence, for PostgreSQL, MariaDB and H2 (and other databases
 * a JPA provider serves, unproven).
 *
 * <p>Create the tables with the script for your database from this jar,
 * {@code org/loyaltyengine/jpa/schema/<postgresql|mariadb|h2>.sql}, then build the store either from
 * the bundled persistence unit {@value #PERSISTENCE_UNIT} and your connection settings:
 * <pre>{@code
 * JpaStore store = JpaStore.builder()
 *         .property("jakarta.persistence.nonJtaDataSource", dataSource)
 *         .build();
 * }</pre>
 * or from an {@link EntityManagerFactory} of your own whose persistence unit lists the mapping file
 * {@value #MAPPING_FILE}. Run the database at READ COMMITTED or stronger: the guards do not depend on
 * the isolation level, because account rows are changed only under a PESSIMISTIC_WRITE lock taken in
 * {@link org.loyaltyengine.spi.AccountKey} order, and holds settle by compare-and-set. On H2, add
 * {@code QUERY_CACHE_SIZE=0} to the URL: H2 reuses a session's last result of an identical query while no
 * table it reads was modified, counting a change when it is made rather than when it commits, so a read
 * after a lock could return what the same transaction read before it.
 *
 * <p>Deadlocks, serialization failures and lock timeouts (PostgreSQL 40001, 40P01; MariaDB 1213,
 * 1205, 1020; H2 40001, 50200, 90131) re-run the work on a fresh EntityManager and transaction, up to
 * {@link Builder#maxAttempts} times, and are never turned into a business answer. A connection lost
 * before the commit was sent also re-runs the work, on a fresh connection: the server rolled back
 * everything the transaction did. A connection lost while committing is reported as
 * {@link StoreException} with code {@code COMMIT_OUTCOME_UNKNOWN}: submit the command again with
 * its idempotency key.
 */
public final class JpaStore implements LoyaltyStore, AutoCloseable {
    /** The persistence unit this jar ships in {@code META-INF/persistence.xml}. */
    public static final String PERSISTENCE_UNIT = "loyalty-engine";
    /** The mapping file that names the adapter's entities, for a host's own persistence unit. */
    public static final String MAPPING_FILE = "META-INF/loyalty-engine-orm.xml";

    private static final System.Logger LOG = System.getLogger(JpaStore.class.getName());
    private static final ThreadLocal<Boolean> OPEN = new ThreadLocal<>();

    private final EntityManagerFactory emf;
    private final boolean ownsFactory;
    private final int maxAttempts;
    private final Duration backoff;
    private final LongAdder retries = new LongAdder();
    private final boolean jdbcInserts;
    /**
     * How this store's transactions insert the rows never changed after ({@link WriteOnceRows}): chosen at the first
     * transaction, when the provider's EntityManager is at hand, and the same for every one after.
     */
    private volatile WriteOnceWay writeOnce;

    /** The way chosen, and whether it is plain JDBC: the one answer both are read from. */
    private record WriteOnceWay(boolean jdbc, Function<EntityManager, WriteOnceRows> rows) {
    }

    private JpaStore(Builder b) {
        this.jdbcInserts = b.jdbcInserts;
        this.ownsFactory = b.emf == null;
        this.emf = ownsFactory ? Persistence.createEntityManagerFactory(PERSISTENCE_UNIT, b.properties) : b.emf;
        this.maxAttempts = b.maxAttempts;
        this.backoff = b.backoff;
    }

    /**
     * The schema script this jar ships for {@code database} ({@code postgresql}, {@code mariadb} or {@code h2}, in
     * any case) as statements to run one by one over JDBC: comment lines dropped, split at the semicolons that end
     * the statements. Every statement is safe to run again on a database that has the tables, and running the
     * script again adds the columns a newer store needs ({@code ADD COLUMN IF NOT EXISTS}).
     *
     * @throws InvalidValueException for another database
     */
    public static List<String> schemaStatements(String database) {
        return SchemaScripts.statements(database);
    }

    /** Starts the configuration of a store. */
    public static Builder builder() {
        return new Builder();
    }

    /** How many times this store has re-run work after a transient database failure, since it was built. */
    public long retries() {
        return retries.sum();
    }

    /** Closes the EntityManagerFactory if this store created it; one handed in stays the host's. */
    @Override
    public void close() {
        if (ownsFactory && emf.isOpen()) {
            emf.close();
        }
    }

    @Override
    public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
        Checks.notNull(tenant, "tenant");
        Checks.notNull(work, "work");
        if (OPEN.get() != null) {
            throw new IllegalStoreUseException("a transaction is already open on this thread; nested transactions"
                    + " are not supported (they would wait on their own locks)");
        }
        OPEN.set(Boolean.TRUE);
        try {
            for (int attempt = 1; ; attempt++) {
                RuntimeException failure;
                try {
                    return attempt(tenant, work);
                } catch (RuntimeException e) {
                    failure = e;
                }
                if (!Failures.isTransient(failure)) {
                    // The work's own exceptions as they are; anything the provider threw past the
                    // repositories (which type their own) is typed here, the last line.
                    throw failure instanceof jakarta.persistence.PersistenceException ? Failures.typed(failure) : failure;
                }
                if (attempt >= maxAttempts) {
                    throw StoreException.failed("the database kept refusing the transaction as a conflict, or"
                            + " kept losing its connection (" + attempt + " attempts); nothing was applied, try again",
                            failure);
                }
                retries.increment();
                LOG.log(Level.DEBUG, () -> "transient database failure, re-running the work: " + failure);
                pause(attempt);
            }
        } finally {
            OPEN.remove();
        }
    }

    /**
     * One run of the work on its own EntityManager; throws what should decide about a retry. The work's
     * own exceptions pass as they are; everything the persistence layer throws is typed
     * ({@link Failures#typed}), or left for a re-run when it is a conflict or a lost connection.
     */
    private <T> T attempt(TenantId tenant, Function<StoreTransaction, T> work) {
        EntityManager em;
        try {
            em = emf.createEntityManager();
        } catch (RuntimeException e) {
            throw beforeTheWork(e);
        }
        JpaTransaction tx = new JpaTransaction(em, tenant, writeOnceRowsOf(em));
        EntityTransaction et;
        try {
            et = em.getTransaction();
            et.begin();
        } catch (RuntimeException e) {
            closeQuietly(em);
            throw beforeTheWork(e);
        }
        try {
            T result = work.apply(tx);
            if (tx.spoiled() != null) {
                // The work caught a database error and went on; what it returns was decided on a
                // transaction the database has already failed, so it must not be committed or trusted.
                throw translate(tx.spoiled());
            }
            if (tx.isRollbackOnly()) {
                et.rollback();
                return result;
            }
            try {
                em.flush();
            } catch (RuntimeException e) {
                throw translate(e);
            }
            commit(et);
            return result;
        } catch (RuntimeException e) {
            if (tx.spoiled() != null && e != tx.spoiled() && Failures.isTransient(tx.spoiled())
                    && !Failures.isTransient(e)) {
                // The work turned a deadlock into another exception; the deadlock is the real story.
                rollbackQuietly(et);
                throw tx.spoiled();
            }
            rollbackQuietly(et);
            if (!(e instanceof StoreException s && s.outcomeUnknown()) && Failures.isConnectionLost(e)) {
                // Lost before the commit was sent (a lost commit is a StoreException by now): the
                // server rolled everything back, so the work runs again on a fresh connection.
                throw new Failures.Retry("the connection to the database was lost before the commit; nothing"
                        + " was applied", e);
            }
            throw e;
        } finally {
            tx.close();
            closeQuietly(em);
        }
    }

    /**
     * Whether this store's transactions insert the never-changed rows with plain JDBC; empty until its first
     * transaction chose.
     */
    Optional<Boolean> insertsWithJdbc() {
        return Optional.ofNullable(writeOnce).map(WriteOnceWay::jdbc);
    }

    private WriteOnceRows writeOnceRowsOf(EntityManager em) {
        WriteOnceWay known = writeOnce;
        if (known == null) {
            Function<EntityManager, Connection> connections = jdbcInserts ? Connections.of(em) : null;
            known = connections == null ? new WriteOnceWay(false, WriteOnceRows::entities)
                    : new WriteOnceWay(true, e -> new JdbcWriteOnceRows(() -> connections.apply(e)));
            writeOnce = known;
        }
        return known.rows().apply(em);
    }

    private static void closeQuietly(EntityManager em) {
        try {
            em.close();
        } catch (RuntimeException e) {
            // Nothing is pending on it any more; a failure to close is the pool's to report.
            LOG.log(Level.DEBUG, () -> "closing the entity manager failed: " + e);
        }
    }

    /** Nothing is pending after the flush, so a failure here is the commit itself: applied or not, nobody knows. */
    private static void commit(EntityTransaction et) {
        try {
            et.commit();
        } catch (RuntimeException e) {
            if (Failures.isTransient(e)) {
                throw e;
            }
            throw StoreException.commitOutcomeUnknown("the connection failed while committing, so the change may"
                    + " or may not have been applied; submit the command again with the same idempotency key", e);
        }
    }

    /** No connection yet, or it broke on begin: nothing was done, so the work runs on another. */
    private static RuntimeException beforeTheWork(RuntimeException e) {
        if (Failures.isConnectionLost(e)) {
            return new Failures.Retry("no connection to the database could be used; nothing was done", e);
        }
        return translate(e);
    }

    /**
     * What a failure before the commit means to the caller. A conflict or a lost connection is left as
     * it is for the re-run (the loop types it when the attempts run out); anything else is typed.
     */
    private static RuntimeException translate(RuntimeException e) {
        if (Failures.isConnectionLost(e) || Failures.isTransient(e)) {
            return e;
        }
        return Failures.typed(e);
    }

    private static void rollbackQuietly(EntityTransaction et) {
        try {
            if (et.isActive()) {
                et.rollback();
            }
        } catch (RuntimeException e) {
            // The connection is gone or the transaction already ended; the database rolls back on its own.
            LOG.log(Level.DEBUG, () -> "rollback failed: " + e);
        }
    }

    /** Randomised, growing pause, so that the transactions that collided do not collide again in step. */
    private void pause(int attempt) {
        long capMillis = backoff.toMillis() << Math.min(attempt - 1, 6);
        long millis = ThreadLocalRandom.current().nextLong(capMillis + 1);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreException.failed("interrupted while waiting to re-run a conflicting transaction", e);
        }
    }

    /** The configuration of a {@link JpaStore}. */
    public static final class Builder {
        private EntityManagerFactory emf;
        private final Map<String, Object> properties = new HashMap<>();
        private int maxAttempts = 10;
        private Duration backoff = Duration.ofMillis(5);
        private boolean jdbcInserts = true;

        private Builder() {
        }

        /**
         * Inserts every row through the provider, as with a provider whose connection the adapter cannot reach;
         * for the tests that prove that way too.
         */
        Builder insertsThroughProvider() {
            this.jdbcInserts = false;
            return this;
        }

        /** Use the host's factory; its persistence unit must list {@value JpaStore#MAPPING_FILE}. */
        public Builder entityManagerFactory(EntityManagerFactory factory) {
            this.emf = Checks.notNull(factory, "entity manager factory");
            return this;
        }

        /**
         * A property for the bundled persistence unit, such as {@code jakarta.persistence.nonJtaDataSource}
         * or {@code jakarta.persistence.jdbc.url}. Ignored when a factory is handed in.
         */
        public Builder property(String name, Object value) {
            properties.put(Checks.notNull(name, "property name"), Checks.notNull(value, name));
            return this;
        }

        /** How many times one transaction is tried in all when the database reports a transient conflict (default 10). */
        public Builder maxAttempts(int attempts) {
            if (attempts < 1) {
                throw new InvalidValueException("max attempts must be 1 or more (1 means no retry), was " + attempts);
            }
            this.maxAttempts = attempts;
            return this;
        }

        /** The first pause before a re-run (default 5 ms); it doubles with each attempt, randomised. */
        public Builder retryBackoff(Duration first) {
            if (first == null || first.isNegative()) {
                throw new InvalidValueException("retry backoff must be zero or positive");
            }
            this.backoff = first;
            return this;
        }

        /** Builds the store; creates the factory from the bundled unit unless one was handed in. */
        public JpaStore build() {
            if (emf == null && properties.isEmpty()) {
                throw new InvalidValueException("give the store either entityManagerFactory(...) or connection"
                        + " properties (for example jakarta.persistence.nonJtaDataSource)");
            }
            return new JpaStore(this);
        }
    }

    /** The entity classes, in the order of the mapping file; for tests that check the two agree. */
    static List<Class<?>> entities() {
        return List.of(AccountRow.class, AccountLockRow.class, EntryRow.class, HoldRow.class, HoldTransitionRow.class, OutcomeRow.class,
                DocumentRow.class, SettingRow.class, CardRow.class, CustomerRow.class, CommandLogRow.class);
    }
}

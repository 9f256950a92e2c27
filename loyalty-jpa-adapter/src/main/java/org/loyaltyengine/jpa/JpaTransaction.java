package org.loyaltyengine.jpa;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;

import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Cards;
import org.loyaltyengine.spi.Customers;
import org.loyaltyengine.spi.Documents;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.Holds;
import org.loyaltyengine.spi.IllegalStoreUseException;
import org.loyaltyengine.spi.Ledger;
import org.loyaltyengine.spi.Locks;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.Outcomes;
import org.loyaltyengine.spi.Settings;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;

/**
 * One JPA transaction of one tenant and its repositories, one class each, which share the
 * EntityManager and what this transaction read through {@link JpaShared}. Every query names the
 * tenant. Every repository call runs through {@link #call}, which keeps what the database refused.
 *
 * <p>The engine's pipeline locks every key a command writes under before it reads (documents,
 * cards, settings, customers and their numbers, program-wide keys: {@link JpaLocks}), so what it
 * reads under a lock cannot move until it commits. Documents, settings, cards and customers are
 * written compare-and-set against what the caller passes as read (a document's version, the state
 * read), on the row locked afresh; nothing of what the transaction read is remembered. What is
 * re-run ({@link Failures.Retry}) is the database's: a deadlock, a serialization failure or lock
 * timeout, and two transactions inserting the same lock row or account at once.
 */
final class JpaTransaction implements StoreTransaction {
    private final TenantId tenant;
    private final JpaShared shared;
    private final JpaAccounts accounts;
    private final JpaLedger ledger;
    private final JpaHolds holds;
    private final JpaOutcomes outcomes;
    private final JpaCommandLog commandLog;
    private final JpaDocuments documents;
    private final JpaSettings settings;
    private final JpaCards cards;
    private final JpaCustomers customers;
    private final JpaLocks locks;
    private boolean rollbackOnly;
    private boolean closed;
    /** A database error the work may have caught: the transaction is spoiled whatever the work returns. */
    private RuntimeException spoiled;

    JpaTransaction(EntityManager em, TenantId tenant, WriteOnceRows writeOnce) {
        this.tenant = tenant;
        this.shared = new JpaShared(em, tenant.value(), writeOnce);
        this.locks = new JpaLocks(this, shared);
        this.accounts = new JpaAccounts(this, shared, locks);
        this.ledger = new JpaLedger(this, shared);
        this.holds = new JpaHolds(this, shared, ledger);
        this.outcomes = new JpaOutcomes(this, shared);
        this.commandLog = new JpaCommandLog(this, shared);
        this.documents = new JpaDocuments(this, shared);
        this.settings = new JpaSettings(this, shared);
        this.cards = new JpaCards(this, shared);
        this.customers = new JpaCustomers(this, shared);
    }

    RuntimeException spoiled() {
        return spoiled;
    }

    void close() {
        closed = true;
    }

    @Override
    public TenantId tenant() {
        return tenant;
    }

    @Override
    public Accounts accounts() {
        return accounts;
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public Holds holds() {
        return holds;
    }

    @Override
    public Outcomes outcomes() {
        return outcomes;
    }

    @Override
    public org.loyaltyengine.spi.CommandLog commandLog() {
        return commandLog;
    }

    @Override
    public Documents documents() {
        return documents;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Cards cards() {
        return cards;
    }

    @Override
    public Customers customers() {
        return customers;
    }

    @Override
    public Locks locks() {
        return locks;
    }

    @Override
    public void setRollbackOnly() {
        rollbackOnly = true;
    }

    @Override
    public boolean isRollbackOnly() {
        return rollbackOnly;
    }

    // ------------------------------------------------------------------ plumbing

    /**
     * Runs one repository call. A database error is remembered (PostgreSQL refuses every later
     * statement of the transaction anyway), and a unique-key refusal becomes {@code onDuplicate}.
     */
    <T> T call(Supplier<T> body, Supplier<RuntimeException> onDuplicate) {
        if (closed) {
            throw new IllegalStoreUseException("the transaction is over; use the repositories only inside inTransaction");
        }
        try {
            return body.get();
        } catch (LoyaltyException e) {
            // The adapter's own refusals (a duplicate found by looking first, a floor, a bad value):
            // thrown before anything reached the database, so the transaction is still good.
            throw e;
        } catch (Failures.Retry e) {
            // A race another transaction won: whatever the work does with it, this one must not commit.
            if (spoiled == null) {
                spoiled = e;
            }
            throw e;
        } catch (RuntimeException e) {
            // Anything from JPA, the provider or JDBC. PostgreSQL refuses every later statement of the
            // transaction anyway, and the work may catch what it gets: the store will not commit it.
            spoiled = e;
            if (onDuplicate != null && Failures.isUniqueViolation(e)) {
                throw onDuplicate.get();
            }
            throw Failures.typed(e);
        }
    }

    <T> T call(Supplier<T> body) {
        return call(body, null);
    }

    /**
     * Inserts a row whose key must be new and which is never changed after. Checked first (unless the
     * caller knows the key was absent already), so the usual refusal leaves the transaction usable;
     * {@code insert} sends it at once ({@link WriteOnceRows}), so that a concurrent twin is refused here by the
     * unique key, not at commit.
     */
    void insertUnique(BooleanSupplier taken, Runnable insert, String what, String key) {
        Supplier<RuntimeException> duplicate = () -> new DuplicateKeyException(what, key);
        call(() -> {
            if (taken.getAsBoolean()) {
                throw duplicate.get();
            }
            insert.run();
            return null;
        }, duplicate);
    }

    /** Inserts a row now; a unique key refusal means another transaction got there first, and the work re-runs. */
    void insertOrRerun(Object row, String race) {
        try {
            shared.em.persist(row);
            shared.em.flush();
        } catch (RuntimeException e) {
            spoiled = e;
            if (Failures.isUniqueViolation(e)) {
                throw new Failures.Retry(race, e);
            }
            throw e;
        }
    }
}

package org.loyaltyengine.jpa;

import java.util.Optional;
import java.util.function.ToLongFunction;

import jakarta.persistence.EntityManager;

import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.StoredOutcome;

/**
 * How one transaction inserts the rows it writes once and never changes (ledger entries, outcomes, command-log
 * entries and hold transitions), and looks up an outcome by its key, which every command does first. Both ways
 * bind the same row objects, built (and their values checked) by the repositories; each insert returns the
 * identity id the database gave the row.
 *
 * <p>{@link JdbcWriteOnceRows} sends one plain JDBC insert on the transaction's own connection; {@link #entities}
 * persists the row through the provider, flushes and detaches it. The provider's way costs, per row, its insert
 * action, a snapshot, the events and the flush's walk over what the transaction holds, for a row it is told to
 * forget at once (a JFR profile of a top-up on PostgreSQL had the persist of these rows at 21% of the engine's
 * samples); it stays for providers whose connection the adapter cannot reach ({@link Connections}).
 */
interface WriteOnceRows {
    long entry(EntryRow row);

    long outcome(OutcomeRow row);

    long logEntry(CommandLogRow row);

    long holdTransition(HoldTransitionRow row);

    /** The outcome stored under {@code key} for {@code tenant}, if any; by the unique key, with no row limit. */
    Optional<StoredOutcome> outcome(String tenant, IdempotencyKey key);

    /** Inserts through the provider: persist, flush at once (a unique key refuses a twin here), detach. */
    static WriteOnceRows entities(EntityManager em) {
        return new WriteOnceRows() {
            private <R> long insert(R row, ToLongFunction<R> id) {
                em.persist(row);
                em.flush();
                // Never changed once inserted: not kept for the provider to compare at every later flush.
                em.detach(row);
                return id.applyAsLong(row);
            }

            @Override
            public long entry(EntryRow row) {
                return insert(row, r -> r.seq);
            }

            @Override
            public long outcome(OutcomeRow row) {
                return insert(row, r -> r.id);
            }

            @Override
            public long logEntry(CommandLogRow row) {
                return insert(row, r -> r.id);
            }

            @Override
            public long holdTransition(HoldTransitionRow row) {
                return insert(row, r -> r.id);
            }

            @Override
            public Optional<StoredOutcome> outcome(String tenant, IdempotencyKey key) {
                return JpaShared.unique(JpaShared.readOnly(em.createQuery("select o from OutcomeRow o"
                        + " where o.tenant = :t and o.key = :k", OutcomeRow.class)).setParameter("t", tenant)
                        .setParameter("k", key.value())).map(OutcomeRow::toStored);
            }
        };
    }
}

package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.readOnly;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.Outcomes;
import org.loyaltyengine.spi.StoredOutcome;

/** The stored outcomes of one {@link JpaTransaction}: one per idempotency key, kept by the unique key. */
final class JpaOutcomes extends JpaRepository implements Outcomes {
    /** Keys this transaction looked up and found no outcome under, and has not saved one under yet. */
    private final Set<String> absent = new HashSet<>();

    JpaOutcomes(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    private Optional<StoredOutcome> stored(IdempotencyKey key) {
        return s.writeOnce.outcome(s.t, key);
    }

    @Override
    public Optional<StoredOutcome> find(IdempotencyKey key) {
        Checks.notNull(key, "idempotency key");
        return tx.call(() -> {
            Optional<StoredOutcome> found = stored(key);
            if (found.isEmpty()) {
                absent.add(key.value());
            }
            return found;
        });
    }

    /**
     * Stores the outcome. A key this transaction looked up and did not find is not looked up again (the
     * pipeline finds, decides, then saves): should another transaction have stored it meanwhile, the
     * unique key refuses the insert, as it refuses a twin inserting at the same time, and the refusal
     * is the same DuplicateKeyException, only with this transaction spoiled, which the pipeline leaves anyway.
     */
    @Override
    public void save(StoredOutcome outcome) {
        Checks.notNull(outcome, "outcome");
        String key = outcome.key().value();
        tx.insertUnique(() -> !absent.remove(key) && stored(outcome.key()).isPresent(),
                () -> s.writeOnce.outcome(new OutcomeRow(s.t, outcome, s.encoded(outcome.outcome()))), "idempotency key", key);
    }

    @Override
    public List<StoredOutcome> all() {
        return tx.call(() -> readOnly(s.query("select o from OutcomeRow o where o.tenant = :t order by o.id",
                OutcomeRow.class)).getResultList().stream().map(OutcomeRow::toStored).toList());
    }
}

package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.first;

import java.util.List;
import java.util.Optional;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.Outcomes;
import org.loyaltyengine.spi.StoredOutcome;

/** The stored outcomes of one {@link JpaTransaction}: one per idempotency key, kept by the unique key. */
final class JpaOutcomes extends JpaRepository implements Outcomes {
    JpaOutcomes(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    private Optional<OutcomeRow> outcomeRow(IdempotencyKey key) {
        return first(s.query("select o from OutcomeRow o where o.tenant = :t and o.key = :k", OutcomeRow.class)
                .setParameter("k", key.value()));
    }

    @Override
    public Optional<StoredOutcome> find(IdempotencyKey key) {
        Checks.notNull(key, "idempotency key");
        return tx.call(() -> outcomeRow(key).map(OutcomeRow::toStored));
    }

    @Override
    public void save(StoredOutcome outcome) {
        Checks.notNull(outcome, "outcome");
        tx.insertUnique(() -> outcomeRow(outcome.key()).isPresent(), () -> new OutcomeRow(s.t, outcome),
                "idempotency key", outcome.key().value());
    }

    @Override
    public List<StoredOutcome> all() {
        return tx.call(() -> s.query("select o from OutcomeRow o where o.tenant = :t order by o.id", OutcomeRow.class)
                .getResultList().stream().map(OutcomeRow::toStored).toList());
    }
}

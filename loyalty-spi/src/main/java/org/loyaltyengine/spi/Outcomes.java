package org.loyaltyengine.spi;

import java.util.List;
import java.util.Optional;

/** Outcomes by idempotency key: the command log and the guard against doing a command twice. */
public interface Outcomes {
    Optional<StoredOutcome> find(IdempotencyKey key);

    /**
     * Stores the outcome of a key seen for the first time.
     *
     * @throws DuplicateKeyException if an outcome is already stored under the key (a store backed by
     *                               a database may report this at commit instead)
     */
    void save(StoredOutcome outcome);

    /** Every stored outcome in the order stored: the command log. */
    List<StoredOutcome> all();
}

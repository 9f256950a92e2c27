package org.loyaltyengine.spi;

import java.util.List;
import java.util.Optional;

/** POS cards by card number. */
public interface Cards {
    Optional<Card> find(String number);

    /**
     * Inserts a new card. The caller locks the number ({@link LockKey#card}) before it looks it up, so
     * a number it found free stays free. Two transactions inserting the same number at once without
     * that lock are a race the database settles: the second re-runs and decides on the first's card.
     *
     * @throws DuplicateKeyException if the number is taken
     */
    void insert(Card card);

    /** Replaces a card's definition; the number stays. */
    void update(Card card);

    /** Every card of the tenant, ordered by number as Java compares strings (not by a database collation). */
    List<Card> all();
}

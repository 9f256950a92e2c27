package org.loyaltyengine.spi;

import java.util.List;
import java.util.Optional;

/** POS cards by card number. */
public interface Cards {
    Optional<Card> find(String number);

    /**
     * Inserts a new card. A number this transaction found free ({@link #find}) that another
     * transaction took meanwhile is a race, not a duplicate: the store re-runs the work (as for any
     * transient conflict), so the work decides again on the other transaction's card.
     *
     * @throws DuplicateKeyException if the number is taken
     */
    void insert(Card card);

    /** Replaces a card's definition; the number stays. */
    void update(Card card);

    /** Every card of the tenant, ordered by number as Java compares strings (not by a database collation). */
    List<Card> all();
}

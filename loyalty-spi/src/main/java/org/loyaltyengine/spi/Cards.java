package org.loyaltyengine.spi;

import java.util.List;
import java.util.Optional;

/** POS cards by card number. */
public interface Cards {
    Optional<Card> find(String number);

    /**
     * Inserts a new card. The caller locks the number ({@link LockKey#card}) before it looks it up, so
     * a number it found free stays free.
     *
     * @throws DuplicateKeyException if the number is taken, by a card committed or by one another open
     *         transaction is inserting (a caller that did not lock the number); nothing is written
     */
    void insert(Card card);

    /**
     * Replaces a card's definition, compare-and-set: only if the stored card is still {@code read}, the
     * card as the caller found it (same number). The number stays. A caller that holds the card's lock
     * and passes what it read under it always matches.
     *
     * @throws StaleWriteException    if the stored card is not {@code read} any more; nothing is written
     * @throws InvalidValueException  if there is no such card, or {@code card} has another number than {@code read}
     */
    void update(Card read, Card card);

    /** Every card of the tenant, ordered by number as Java compares strings (not by a database collation). */
    List<Card> all();
}

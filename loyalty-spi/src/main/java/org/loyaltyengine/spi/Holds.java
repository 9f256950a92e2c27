package org.loyaltyengine.spi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Reservations against accounts. Each hold makes one terminal transition, decided by compare-and-set. */
public interface Holds {
    /**
     * Places a pending hold, lowering the account's available balance.
     *
     * @throws FloorViolationException if the available balance would go below the floor
     * @throws DuplicateKeyException   if the hold id is taken
     */
    Hold place(Hold hold);

    Optional<Hold> find(String holdId);

    /**
     * Moves a pending hold to RELEASED or EXPIRED, recording who did it and by which rule.
     *
     * @return true for the one call that made the transition; false if the hold was already terminal
     */
    boolean settle(String holdId, HoldState to, Instant at, String by, RuleRef rule);

    /**
     * Captures a pending hold: marks it CAPTURED and appends {@code entry} (which must take exactly
     * the held amount from the same account) in one step. The entry's actor and rule are recorded as
     * the hold's settling user and rule.
     *
     * @return the appended entry for the one call that made the transition; empty if the hold was
     *         already terminal
     */
    Optional<LedgerEntry> capture(String holdId, LedgerEntry entry, Instant at);

    /** Holds of one account that are still pending. */
    List<Hold> pending(AccountKey account);

    /** All holds that name the given document, in any state, in the order they were placed. */
    List<Hold> ofDocument(String document);

    /** Pending holds whose expiry time is at or before {@code now}. */
    List<Hold> expiredBy(Instant now);
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Inserted by the rules: a ledger entry of a line that is on the open card, booked after the card's last
 * settlement ({@link CardSettledUpTo}), or one a lock is about to book ({@link #PENDING}).
 */
public record CardOpenEntry(String customer, long sequence, String document, String line, BigDecimal amount) {
    /**
     * The sequence of an entry the deciding command is about to book (a lock's line counted on the card it
     * leaves): after every entry of the ledger.
     */
    public static final long PENDING = Long.MAX_VALUE;
}

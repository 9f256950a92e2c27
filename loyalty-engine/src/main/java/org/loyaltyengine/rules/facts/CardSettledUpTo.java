package org.loyaltyengine.rules.facts;

/**
 * Inserted by the rules: the card of {@code customer} is settled up to the ledger entry {@code sequence}
 * (its last SETTLE entry, 0 when it was never settled); every entry after it is on the open card.
 */
public record CardSettledUpTo(String customer, long sequence) {
}

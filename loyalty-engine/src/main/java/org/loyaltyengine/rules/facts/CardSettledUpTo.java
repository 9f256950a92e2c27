package org.loyaltyengine.rules.facts;

/**
 * Inserted by the rules: the card of {@code customer} is settled up to the ledger entry {@code sequence}
 * (its last SETTLE entry still in force and not taken back by the command, 0 when there is none); every entry
 * after it is on the open card.
 */
public record CardSettledUpTo(String customer, long sequence) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Inserted by the rules: a ledger entry of a line that is on the open card, booked after the card's last
 * settlement ({@link CardSettledUpTo}).
 */
public record CardOpenEntry(String customer, long sequence, String document, String line, BigDecimal amount) {
}

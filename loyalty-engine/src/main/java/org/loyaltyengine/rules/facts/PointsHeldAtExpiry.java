package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * An earned entry (sequence {@code entry}) of a source (a booking line or a manual credit) that was still open
 * when the expiry entry {@code expiry} ran: dated up to its year end and settled by no earlier expiry.
 */
public record PointsHeldAtExpiry(String customerId, long expiry, String document, String line, long entry,
                                 BigDecimal amount, String command) {
}

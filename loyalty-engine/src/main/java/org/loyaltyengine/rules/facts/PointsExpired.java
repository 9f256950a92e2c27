package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A ledger entry the rules count as expired.
 *
 * @param settledUpTo the day up to which the expiry settled the customer's points: the year end of its run
 *                    ({@link PointsExpiryRun}), or the entry's own date for an expiry of no run
 */
public record PointsExpired(long sequence, String customerId, BigDecimal amount, String document,
                            LocalDate businessDate, LocalDate settledUpTo) {
}

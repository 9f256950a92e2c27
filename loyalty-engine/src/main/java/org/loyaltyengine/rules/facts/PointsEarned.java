package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A ledger entry the rules count as earned (earning on a booking, its adjustments and reversals, manual
 * entries), with the source an expiry is attributed to: a booking line, a manual credit on its own, or none
 * (a manual deduction).
 *
 * @param command        the command that wrote the entry ({@link PointsEntry#command()}), or null
 * @param sourceDocument with {@code sourceLine}, the source whose points the entry holds; null for none
 */
public record PointsEarned(long sequence, String customerId, BigDecimal amount, String document, String line,
                           LocalDate businessDate, String command, String sourceDocument, String sourceLine) {
}

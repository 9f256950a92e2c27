package org.loyaltyengine.credits;

import java.math.BigDecimal;

/**
 * A customer's credits of one type on a date (SPEC CR-3): bought (sold to the customer and not cancelled, the
 * reserved included), reserved (on sales documents still open), consumed (less what credit notes gave back),
 * expired, corrected (what an administrator's corrections added, less what they took off: free credits are not
 * bought, written-off credits are neither consumed nor expired), and remaining = bought - consumed - reserved -
 * expired + corrected, which is below zero where the policy let work go into a negative balance.
 */
public record Holding(String type, BigDecimal bought, BigDecimal reserved, BigDecimal consumed, BigDecimal expired,
                      BigDecimal corrected, BigDecimal remaining) {
}

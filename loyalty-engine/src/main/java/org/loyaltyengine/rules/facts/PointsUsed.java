package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/** A ledger entry the rules count as used: a payment with points, or points paid given back. */
public record PointsUsed(long sequence, String customerId, BigDecimal amount, String document, String line,
                         LocalDate businessDate) {
}

package org.loyaltyengine.points;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One points movement for the monthly list (SPEC SP-17) and the customer's history: what happened, to
 * whom, for which booking line, by whom (SPEC SP-19) and under which rule.
 *
 * @param kind  EARNED, USED or EXPIRED, as the analysis counts it
 * @param entry the ledger entry kind (EARN, ADJUST, REVERSE, REDEEM, MANUAL, EXPIRE)
 */
public record PointsMovement(long sequence, LocalDate date, Instant recordedAt, String customerId, String kind,
                             String entry, BigDecimal points, String document, String line, String note, String user,
                             String rule) {
}

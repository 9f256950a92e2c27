package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.Checks;

/**
 * Result of {@code savings-points.pay-with-points}: the points the payment took for {@code value} of the
 * booking at {@code pointValue}, the point value in force (SPEC SP-8, SP-15).
 */
public record PointsPaymentResult(String bookingId, BigDecimal points, BigDecimal value, BigDecimal pointValue) {
    public PointsPaymentResult {
        Checks.notNull(bookingId, "booking id");
        Checks.notNull(points, "points paid");
        Checks.notNull(value, "value paid");
        Checks.notNull(pointValue, "point value");
    }
}

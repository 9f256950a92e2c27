package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.Checks;

/**
 * Points paid on a booking given back because a cancellation or a price cut took its price below what points
 * paid (SPEC X-13): {@code value} of the value paid in points, {@code points} the points that came back for
 * it. Part of the outcome of {@code savings-points.cancel} and {@code savings-points.change-price} when
 * anything was given back.
 */
public record PointsRefundResult(String bookingId, BigDecimal points, BigDecimal value) {
    public PointsRefundResult {
        Checks.notNull(bookingId, "booking id");
        Checks.notNull(points, "points given back");
        Checks.notNull(value, "value given back");
    }
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.Checks;

/**
 * Result of {@code savings-points.change-price}: the points column of the repriced line once changed
 * (SPEC SP-6, SP-14); the points it moved are its ledger entries. Points paid given back on the way are a
 * {@link PointsRefundResult} beside it.
 */
public record PointsPriceChangeResult(String bookingId, String lineId, BigDecimal points) {
    public PointsPriceChangeResult {
        Checks.notNull(bookingId, "booking id");
        Checks.notNull(lineId, "line id");
        Checks.notNull(points, "points");
    }
}

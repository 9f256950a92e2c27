package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * A service line of a booking as stored, with what decides its points (the supplier's switch and rates, a
 * figure typed in); the rules add what its entries hold and what of it expired ({@link PointsLine}).
 *
 * @param pricing whether the command asks the rules to compute this line's points now (a new line, or the
 *                line whose price changes, with its new amount)
 */
public record PointsServiceLine(String bookingId, String customerId, String lineId, String supplier,
                                String productType, BigDecimal amount, BigDecimal manualPoints,
                                boolean supplierEnabled, BigDecimal supplierRate, BigDecimal productRate,
                                boolean cancelled, boolean pricing) {
}

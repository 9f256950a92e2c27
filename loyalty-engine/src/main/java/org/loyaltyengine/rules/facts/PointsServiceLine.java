package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * A service line of a booking as stored, with what decides its points: the supplier's own switch and rates,
 * those of the tour operator it belongs to (SPEC SP-20), a figure typed in; the rules decide which of them
 * apply ({@link PointsSupplierSwitch}, the rate rules of earning.drl) and add what its entries hold and what of
 * it expired ({@link PointsLine}).
 *
 * @param supplierEnabled the supplier's own switch; null when its tour operator decides
 * @param tourOperator    the tour operator the supplier belongs to, or null
 * @param operatorEnabled the tour operator's switch, null without one
 * @param pricing whether the command asks the rules to compute this line's points now (a new line, or the
 *                line whose price changes, with its new amount)
 */
public record PointsServiceLine(String bookingId, String customerId, String lineId, String supplier,
                                String productType, BigDecimal amount, BigDecimal manualPoints,
                                Boolean supplierEnabled, BigDecimal supplierRate, BigDecimal productRate,
                                String tourOperator, Boolean operatorEnabled, BigDecimal operatorRate,
                                BigDecimal operatorProductRate, boolean cancelled, boolean pricing) {
}

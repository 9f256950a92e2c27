package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * A service line of a booking with what decides its points: whether its supplier earns (as the rules decided,
 * {@link PointsSupplierSwitch}), the supplier's own rates and its tour operator's (SPEC SP-20), a manually
 * entered points figure, and the points it holds now ({@code netPoints}: its earned entries, totalled by the
 * rules from its {@link PointsServiceLine}).
 *
 * @param supplierRate        the supplier's own rate, or null
 * @param productRate         the supplier's own rate for the line's product type, or null
 * @param operatorRate        the tour operator's rate, or null
 * @param operatorProductRate the tour operator's rate for the line's product type, or null
 * @param expiredPoints of the points the line earned, how many expired since (SPEC SP-14); they are gone,
 *                      so a cancellation or a price cut never takes them back
 * @param pricing whether the command asks the rules to compute this line's points now (a new line, or the
 *                line whose price changes, with its new amount)
 */
public record PointsLine(String bookingId, String lineId, String supplier, String productType, BigDecimal amount,
                         BigDecimal manualPoints, boolean supplierEnabled, BigDecimal supplierRate,
                         BigDecimal productRate, BigDecimal operatorRate, BigDecimal operatorProductRate,
                         BigDecimal netPoints, BigDecimal expiredPoints, boolean cancelled, boolean pricing) {
}

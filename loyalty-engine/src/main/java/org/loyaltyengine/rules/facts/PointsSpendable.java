package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What a customer may spend now, inserted by the availability rules (SPEC SP-13), and whether the
 * customer has saved any points that are available (SPEC SP-11: only such a customer may go negative).
 *
 * @param notYetSpendable points the customer holds that are not spendable yet: those earned in the command's
 *                        year while "directly available" is off (SPEC SP-24); zero otherwise
 * @param spendableFrom   the day those become spendable (1 January of the next year), or null when there are none
 */
public record PointsSpendable(String customerId, BigDecimal points, boolean hasSaved, BigDecimal notYetSpendable,
                              LocalDate spendableFrom) {
}

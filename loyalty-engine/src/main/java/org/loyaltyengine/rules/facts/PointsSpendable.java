package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * What a customer may spend now, inserted by the availability rules (SPEC SP-13), and whether the
 * customer has saved any points that are available (SPEC SP-11: only such a customer may go negative).
 */
public record PointsSpendable(String customerId, BigDecimal points, boolean hasSaved) {
}

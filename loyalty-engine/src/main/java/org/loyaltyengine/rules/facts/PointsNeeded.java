package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Points a points payment takes, inserted by the rules, and what one point pays in it: the stored point value,
 * or the rate the payment gave or its points imply (SPEC SP-15, SP-21).
 */
public record PointsNeeded(BigDecimal points, BigDecimal pointValue) {
}

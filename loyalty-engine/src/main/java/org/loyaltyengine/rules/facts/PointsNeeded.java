package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** Points a points payment takes at the current point value, inserted by the rules. */
public record PointsNeeded(BigDecimal points) {
}

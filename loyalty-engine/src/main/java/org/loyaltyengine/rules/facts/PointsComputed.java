package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** A line's computed points (the points column), inserted by the rules. */
public record PointsComputed(String bookingId, String lineId, BigDecimal points) {
}

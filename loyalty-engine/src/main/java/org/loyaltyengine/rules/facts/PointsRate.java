package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** The rate that decides a line's points, inserted by the rate rules, and where it came from. */
public record PointsRate(String bookingId, String lineId, BigDecimal rate, String source) {
}

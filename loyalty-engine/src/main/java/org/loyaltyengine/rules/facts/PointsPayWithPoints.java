package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Command: pay {@code amount} of a booking with points; with own currency allowed at the rate
 * ({@code pointValue}) or for the points ({@code points}) the clerk gave, else both null (SPEC SP-21).
 */
public record PointsPayWithPoints(String bookingId, BigDecimal amount, BigDecimal pointValue, BigDecimal points) {
}

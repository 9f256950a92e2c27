package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** Command: pay {@code amount} of a booking with points. */
public record PointsPayWithPoints(String bookingId, BigDecimal amount) {
}

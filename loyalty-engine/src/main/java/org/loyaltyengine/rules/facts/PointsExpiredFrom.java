package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** Points of a source (a booking line, a manual credit) that the expiry entry {@code expiry} expired. */
public record PointsExpiredFrom(String customerId, long expiry, String document, String line, BigDecimal points) {
}

package org.loyaltyengine.rules.facts;

/** Command: the year-end expiry run for {@code year}, the year that closes. */
public record PointsExpiry(int year) {
}

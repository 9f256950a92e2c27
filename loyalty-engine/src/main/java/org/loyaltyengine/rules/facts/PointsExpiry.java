package org.loyaltyengine.rules.facts;

/**
 * Command: the year-end expiry run for {@code year}, the year that closes; its entries name {@code document},
 * the run's own (a {@link PointsExpiryRun} once stored).
 */
public record PointsExpiry(int year, String document) {
}

package org.loyaltyengine.rules.facts;

/** Command: register a booking with its service lines; {@code exists} when the id is taken. */
public record PointsBook(String bookingId, String customerId, boolean exists) {
}

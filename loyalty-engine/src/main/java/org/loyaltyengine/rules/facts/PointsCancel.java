package org.loyaltyengine.rules.facts;

/** Command: cancel one service line ({@code lineId}) or the whole booking ({@code lineId} null). */
public record PointsCancel(String bookingId, String lineId) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * A booking (dossier) as the rules see it: its price (the live service lines), what was paid in money and in
 * points, and the points its lines earned (totalled by the rules from its {@link PointsBookingState}).
 */
public record PointsBooking(String id, String customerId, String status, BigDecimal total, BigDecimal paidMoney, BigDecimal paidPointsValue, BigDecimal paidPoints, BigDecimal earnedPoints) {

    /** What is still to be paid. */
    public BigDecimal remainder() {
        return total.subtract(paidMoney).subtract(paidPointsValue);
    }

    public boolean cancelled() {
        return "CANCELLED".equals(status);
    }
}

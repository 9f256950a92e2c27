package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * A booking as stored: its price (the live service lines) and what was paid in money and, in money, with
 * points; the rules add the points its entries took and earned ({@link PointsBooking}).
 */
public record PointsBookingState(String id, String customerId, String status, BigDecimal total,
                                 BigDecimal paidMoney, BigDecimal paidPointsValue) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** Command: a money payment of a booking, with its payment type. */
public record PointsPayMoney(String bookingId, BigDecimal amount, String paymentType) {
}

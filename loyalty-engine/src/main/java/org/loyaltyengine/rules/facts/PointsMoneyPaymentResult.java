package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.Checks;

/** Result of {@code savings-points.pay-money}: the money paid on the booking (SPEC SP-8). */
public record PointsMoneyPaymentResult(String bookingId, BigDecimal amount) {
    public PointsMoneyPaymentResult {
        Checks.notNull(bookingId, "booking id");
        Checks.notNull(amount, "amount paid");
    }
}

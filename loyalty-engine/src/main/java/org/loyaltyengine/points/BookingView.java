package org.loyaltyengine.points;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.loyaltyengine.spi.Money;

/**
 * A booking (dossier) as a clerk sees it: the service lines with their points column (SPEC SP-16), the
 * price, what was paid in money and in points, and the remainder (SPEC SP-8). Points figures come from the
 * ledger, so they always agree with the customer's account.
 *
 * @param paidPoints      points taken by points payments, less points given back
 * @param paidPointsValue what those points paid, in money
 * @param earnedPoints    points the booking's lines hold now
 * @param payments        each payment taken, with its type, amount, user and date (SPEC SP-19)
 */
public record BookingView(String bookingId, String customerId, String status, LocalDate date, Money total,
                          Money paidMoney, Money paidPointsValue, BigDecimal paidPoints, Money remainder,
                          BigDecimal earnedPoints, List<Line> lines, List<String> payments) {
    public BookingView {
        lines = List.copyOf(lines);
        payments = List.copyOf(payments);
    }

    /**
     * A service line: supplier, product type, price, its points and a typed-in figure if any. Its points are
     * what it earned net of adjustments and take-backs: 0 once cancelled, unless some of them had expired,
     * which a cancellation does not take back (they are gone).
     */
    public record Line(String lineId, String supplier, String productType, Money price, BigDecimal points,
                       BigDecimal manualPoints, boolean cancelled) {
    }
}

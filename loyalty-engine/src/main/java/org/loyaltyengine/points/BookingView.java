package org.loyaltyengine.points;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LedgerEntry;
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

    static BookingView of(Document booking, List<LedgerEntry> entries) {
        String currency = booking.currency();
        List<Line> lines = booking.lines().stream().map(l -> new Line(l.lineId(), l.attribute("supplier").orElse(null),
                l.product(), Money.of(l.amount(), currency),
                PointsLedger.sum(entries, PointsLedger.earned().and(e -> l.lineId().equals(e.line()))),
                l.attribute("manualPoints").map(BigDecimal::new).orElse(null), SavingsPoints.isCancelled(l))).toList();
        Money total = Money.of(lines.stream().filter(l -> !l.cancelled()).map(l -> l.price().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add), currency);
        Money paidMoney = Money.of(new BigDecimal(booking.attribute("paidMoney").orElse("0")), currency);
        Money paidPointsValue = Money.of(new BigDecimal(booking.attribute("paidPointsValue").orElse("0")), currency);
        BigDecimal paidPoints = PointsLedger.sum(entries, e -> PointsLedger.kindOf(e) == PointsLedger.Kind.USED).negate();
        return new BookingView(booking.id(), booking.owner(), booking.status(), booking.date(), total, paidMoney,
                paidPointsValue, paidPoints, total.minus(paidMoney).minus(paidPointsValue),
                PointsLedger.sum(entries, PointsLedger.earned()), lines, booking.attributes().entrySet().stream()
                        .filter(a -> a.getKey().startsWith("payment.")).map(java.util.Map.Entry::getValue).toList());
    }
}

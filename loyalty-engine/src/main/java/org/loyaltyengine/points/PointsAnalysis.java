package org.loyaltyengine.points;

import java.math.BigDecimal;
import java.util.List;

import org.loyaltyengine.spi.Money;

/**
 * "Analyse voor spaarpunten" (SPEC SP-17): per calendar year a customer's revenue (booked services, cancelled
 * ones left out), points earned, used and expired, and the points available at the year's end. The
 * available figure is the running balance, so with the payment cap empty it can show negative, as the
 * seed describes.
 *
 * @param balance      the points balance now; always earned - used - expired over all years
 * @param balanceValue what the balance is worth at the current point value (SPEC SP-15)
 */
public record PointsAnalysis(String customerId, List<Year> years, BigDecimal balance, Money balanceValue) {
    public PointsAnalysis {
        years = List.copyOf(years);
    }

    /** One year's figures; {@code earned} includes manual entries and reversals of cancelled lines. */
    public record Year(int year, Money revenue, BigDecimal earned, BigDecimal used, BigDecimal expired,
                       BigDecimal available) {
    }

    public BigDecimal totalEarned() {
        return years.stream().map(Year::earned).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalUsed() {
        return years.stream().map(Year::used).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalExpired() {
        return years.stream().map(Year::expired).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

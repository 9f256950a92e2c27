package org.loyaltyengine.credits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.loyaltyengine.spi.Money;

/**
 * A customer's budget for a year per credit type (SPEC CR-7), as of a day: what was bought and consumed in the
 * year so far, what remains, the run rate (credits a month, at the pace of the year so far), the consumption
 * the year comes to at that pace and its worth at face value, and the day the remaining credits run out at that
 * pace (null: nothing consumed yet, so no pace; the day itself when nothing remains).
 */
public record Budget(String customerId, int year, LocalDate asOf, List<Line> lines) {
    public Budget {
        lines = List.copyOf(lines);
    }

    public record Line(String type, BigDecimal bought, BigDecimal consumed, BigDecimal remaining,
                       BigDecimal runRatePerMonth, BigDecimal projectedYear, Money projectedValue,
                       LocalDate runOutDate) {
    }
}

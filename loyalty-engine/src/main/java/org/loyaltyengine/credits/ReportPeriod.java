package org.loyaltyengine.credits;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;

/** The days a usage report covers, both ends included (SPEC CR-6: "wekelijks, maandelijks, trimestrieel"). */
public record ReportPeriod(LocalDate from, LocalDate to) {
    public ReportPeriod {
        Checks.date(from, "report period start");
        Checks.date(to, "report period end");
        if (to.isBefore(from)) {
            throw new InvalidValueException("the report period ends on " + to + ", before it starts on " + from);
        }
    }

    /** The week, Monday to Sunday, that holds {@code day}. */
    public static ReportPeriod week(LocalDate day) {
        LocalDate monday = Checks.date(day, "day").with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return new ReportPeriod(monday, monday.plusDays(6));
    }

    public static ReportPeriod month(YearMonth month) {
        Checks.notNull(month, "month");
        return new ReportPeriod(month.atDay(1), month.atEndOfMonth());
    }

    /** Quarter 1 to 4 of a year. */
    public static ReportPeriod quarter(int year, int quarter) {
        if (quarter < 1 || quarter > 4) {
            throw new InvalidValueException("a quarter is 1 to 4, was " + quarter);
        }
        YearMonth first = YearMonth.of(year, quarter * 3 - 2);
        return new ReportPeriod(first.atDay(1), first.plusMonths(2).atEndOfMonth());
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(from) && !day.isAfter(to);
    }
}

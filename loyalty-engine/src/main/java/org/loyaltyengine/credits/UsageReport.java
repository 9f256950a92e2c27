package org.loyaltyengine.credits;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * What a customer's credits were used for in a period (SPEC CR-6): one row per registered work line, with the
 * document and line it came from, what the credits covered and what was billed, and the credit note that gave
 * it back, if any; totals per type.
 */
public record UsageReport(String customerId, ReportPeriod period, List<Row> rows, List<Total> totals) {
    public UsageReport {
        rows = List.copyOf(rows);
        totals = List.copyOf(totals);
    }

    public record Row(LocalDate date, String document, String line, String type, String description,
                      BigDecimal quantity, BigDecimal covered, BigDecimal billable, String creditedBy) {
    }

    /** Per type: the credits used in the period, net of the lines credited back. */
    public record Total(String type, BigDecimal covered, BigDecimal billable) {
    }
}

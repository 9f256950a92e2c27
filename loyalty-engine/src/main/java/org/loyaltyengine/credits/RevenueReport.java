package org.loyaltyengine.credits;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;

/**
 * Revenue recognition per month and credit type (SPEC CR-8): credits sold are deferred revenue from the day their
 * sale is confirmed; work recognises it at the price actually paid, lot by lot; what expires is breakage. In every
 * row opening + sold - recognised - expired = closing, amounts in the type's currency, unrounded.
 */
public record RevenueReport(YearMonth from, YearMonth to, List<Row> rows) {
    public RevenueReport {
        rows = List.copyOf(rows);
    }

    public record Row(YearMonth month, String type, String currency, BigDecimal openingDeferred, BigDecimal sold,
                      BigDecimal recognised, BigDecimal expired, BigDecimal closingDeferred) {
    }
}

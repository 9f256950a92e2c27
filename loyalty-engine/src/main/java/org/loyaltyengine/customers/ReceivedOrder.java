package org.loyaltyengine.customers;

import java.math.BigDecimal;
import java.util.List;

/**
 * A webshop order as the customers program recorded it: the customer it belongs to, the discount
 * percentage that applied and its source ({@code customer} or a program's name, none: {@code null}),
 * and each line with its discount.
 */
public record ReceivedOrder(String orderId, String customerId, BigDecimal discountPercent, String discountSource,
                            List<Line> lines) {
    /** One order line: its amount before discount and the discount the rules gave it. */
    public record Line(String lineId, String product, BigDecimal amount, BigDecimal discount) {
        public BigDecimal net() {
            return amount.subtract(discount);
        }
    }

    public BigDecimal discount() {
        return lines.stream().map(Line::discount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal total() {
        return lines.stream().map(Line::net).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

package org.loyaltyengine.customers;

import java.math.BigDecimal;
import java.util.List;

import org.loyaltyengine.spi.Checks;

/**
 * A webshop order as the customers program recorded it: the customer it belongs to, the discount
 * percentage that applied and its source ({@code customer} or a program's name, none: {@code null}),
 * each line with its discount, and what the customer's master data says for its orders (SPEC CU-6):
 * {@code customerRemarks}, the customer's remarks (the seed's "Opmerkingen") as they were when the order
 * came in, and {@code orderRemarks}, the remarks the order carries, which are the customer's default
 * order remarks ("Standaard opmerkingen bij bestelling"); each null when there are none. Both are copied
 * when the order is received: changing the customer later changes its next orders, not this one.
 */
public record ReceivedOrder(String orderId, String customerId, BigDecimal discountPercent, String discountSource,
                            List<Line> lines, String customerRemarks, String orderRemarks) {
    /** One order line: its amount before discount and the discount the rules gave it. */
    public record Line(String lineId, String product, BigDecimal amount, BigDecimal discount) {
        public BigDecimal net() {
            return amount.subtract(discount);
        }
    }

    public ReceivedOrder {
        lines = Checks.list(lines, "order lines");
    }

    public BigDecimal discount() {
        return lines.stream().map(Line::discount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal total() {
        return lines.stream().map(Line::net).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * The discount {@code customers.receive-order} gives an order (SPEC CU-5): the one percentage that
 * applies, its source ({@code customer} or a program's name), the order's total discount and each
 * line's discount by line id. An order the rules give no discount has no such result.
 */
public record CustomerOrderDiscounted(String orderId, BigDecimal percent, String source, BigDecimal total,
                                      Map<String, BigDecimal> lines) {
    public CustomerOrderDiscounted {
        Checks.identifier(orderId, "order id", Limits.IDENTIFIER);
        Checks.percent(percent, "discount percentage");
        Checks.text(source, "discount source");
        Checks.nonNegative(total, "order discount");
        Checks.notNull(lines, "line discounts");
        lines.forEach((line, amount) -> {
            Checks.identifier(line, "line id", Limits.IDENTIFIER);
            Checks.nonNegative(amount, "discount of line " + line);
        });
        lines = Collections.unmodifiableMap(new TreeMap<>(lines));
    }

    /**
     * The result over the line discounts the rules derived (a {@code from collect} of
     * {@link CustomerLineDiscount}): each is keyed by its line id; one line twice is a rule defect.
     */
    public static CustomerOrderDiscounted of(String orderId, BigDecimal percent, String source, BigDecimal total,
                                             List<?> lineDiscounts) {
        Map<String, BigDecimal> lines = new TreeMap<>();
        for (Object o : Checks.notNull(lineDiscounts, "line discounts")) {
            CustomerLineDiscount l = (CustomerLineDiscount) o;
            if (!l.orderId().equals(orderId) || lines.put(l.lineId(), l.amount()) != null) {
                throw new InvalidValueException("line discount " + l + " is not one line of order " + orderId);
            }
        }
        return new CustomerOrderDiscounted(orderId, percent, source, total, lines);
    }
}

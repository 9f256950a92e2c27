package org.loyaltyengine.rules.facts;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * The remarks {@code customers.receive-order} puts on an order (SPEC CU-6): the order, its customer,
 * the customer's remarks as they were when the order came in and the remarks the order carries (the
 * customer's default order remarks), each null when there are none. An order the rules give no remarks
 * has no such result.
 */
public record CustomerOrderRemarks(String orderId, String customerId, String remarks, String orderRemarks) {
    public CustomerOrderRemarks {
        Checks.identifier(orderId, "order id", Limits.IDENTIFIER);
        Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
        // Blank is none, so a rule that joins texts cannot leave an empty remark on the order.
        remarks = Checks.optionalMultiLine(Checks.optionalText(remarks, "remarks of the order's customer", Limits.TEXT),
                "remarks of the order's customer", Limits.TEXT);
        orderRemarks = Checks.optionalMultiLine(Checks.optionalText(orderRemarks, "order remarks", Limits.TEXT),
                "order remarks", Limits.TEXT);
        if (remarks == null && orderRemarks == null) {
            throw new InvalidValueException("remarks of order " + orderId + " hold no text; decide no remarks instead");
        }
    }
}

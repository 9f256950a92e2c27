package org.loyaltyengine.rules.facts;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Limits;

/**
 * The result of {@code customers.receive-order} as to its customer (SPEC CU-4): the order, the customer
 * it belongs to, and whether that customer was known by its number ({@code LINKED}) or made from the
 * buyer ({@code CREATED}). Rules decide it with {@link #linked} or {@link #created}. The discount is a
 * result of its own, {@link CustomerOrderDiscounted}.
 */
public record CustomerOrderReceived(String orderId, String customerId, CustomerAction customerAction) {
    /** How the order found its customer. */
    public enum CustomerAction { LINKED, CREATED }

    public CustomerOrderReceived {
        Checks.identifier(orderId, "order id", Limits.IDENTIFIER);
        Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
        Checks.notNull(customerAction, "customer action");
    }

    public static CustomerOrderReceived linked(String orderId, String customerId) {
        return new CustomerOrderReceived(orderId, customerId, CustomerAction.LINKED);
    }

    public static CustomerOrderReceived created(String orderId, String customerId) {
        return new CustomerOrderReceived(orderId, customerId, CustomerAction.CREATED);
    }
}

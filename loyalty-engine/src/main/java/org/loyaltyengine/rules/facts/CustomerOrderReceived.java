package org.loyaltyengine.rules.facts;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * The result of {@code customers.receive-order} as to its customer (SPEC CU-4, CU-7): the order, the
 * customer it belongs to, whether that customer was known ({@code LINKED}) or made from the buyer
 * ({@code CREATED}), and what recognised a known one: its customer number, the webshop's own customer
 * reference an earlier order carried, or its e-mail address ({@code NONE} for a created customer).
 * Rules decide it with {@link #linkedByNumber}, {@link #linkedByReference}, {@link #linkedByEmail} or
 * {@link #created}. The discount is a result of its own, {@link CustomerOrderDiscounted}.
 */
public record CustomerOrderReceived(String orderId, String customerId, CustomerAction customerAction, Match matchedBy) {
    /** How the order found its customer. */
    public enum CustomerAction { LINKED, CREATED }

    /** What recognised a known customer; {@code NONE}: the order created its customer. */
    public enum Match { CUSTOMER_NUMBER, WEBSHOP_REFERENCE, EMAIL, NONE }

    public CustomerOrderReceived {
        Checks.identifier(orderId, "order id", Limits.IDENTIFIER);
        Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
        Checks.notNull(customerAction, "customer action");
        Checks.notNull(matchedBy, "what matched the customer");
        if ((customerAction == CustomerAction.CREATED) != (matchedBy == Match.NONE)) {
            throw new InvalidValueException("order " + orderId + ": a customer " + customerAction
                    + " cannot have been matched by " + matchedBy);
        }
    }

    /** The customer the order's customer number names. */
    public static CustomerOrderReceived linkedByNumber(String orderId, String customerId) {
        return new CustomerOrderReceived(orderId, customerId, CustomerAction.LINKED, Match.CUSTOMER_NUMBER);
    }

    /** The customer an earlier order with the same webshop customer reference went to. */
    public static CustomerOrderReceived linkedByReference(String orderId, String customerId) {
        return new CustomerOrderReceived(orderId, customerId, CustomerAction.LINKED, Match.WEBSHOP_REFERENCE);
    }

    /** The one customer with the buyer's e-mail address. */
    public static CustomerOrderReceived linkedByEmail(String orderId, String customerId) {
        return new CustomerOrderReceived(orderId, customerId, CustomerAction.LINKED, Match.EMAIL);
    }

    /** A customer made from the order's buyer. */
    public static CustomerOrderReceived created(String orderId, String customerId) {
        return new CustomerOrderReceived(orderId, customerId, CustomerAction.CREATED, Match.NONE);
    }
}

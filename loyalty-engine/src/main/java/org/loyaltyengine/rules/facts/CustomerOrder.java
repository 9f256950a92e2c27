package org.loyaltyengine.rules.facts;

import java.util.List;

/**
 * An incoming webshop order (SPEC CU-4, CU-5, CU-7): the customer number it names (null: none), the
 * customer known under that number (null: none), the id a customer created from it gets, whether the
 * order carries the buyer's details, whether this order was received before, and the number of
 * decimals of its currency (for rounding discounts).
 *
 * <p>How a buyer without a known number may be recognised (CU-7): {@code buyerReference} is the
 * webshop's own customer reference the order carries ({@code <webshop>/<reference>}, null: none) and
 * {@code referenceCustomerId} the customer an earlier order with that reference went to (null: none);
 * {@code matchByEmail} is the shop's setting {@code matchBuyersByEmail}, {@code buyerEmail} the buyer's
 * e-mail address in lower case (null: none) and {@code emailCustomerIds} the customers whose e-mail
 * address is the same, ignoring case (sorted; looked up only for an order without a customer number
 * whose buyer has an address, while the setting is on, else empty).
 */
public record CustomerOrder(String orderId, String customerNumber, String knownCustomerId, String newCustomerId,
                            boolean buyerGiven, boolean alreadyReceived, int scale, String buyerReference,
                            String referenceCustomerId, boolean matchByEmail, String buyerEmail,
                            List<String> emailCustomerIds) {
    public CustomerOrder {
        emailCustomerIds = emailCustomerIds == null ? List.of() : List.copyOf(emailCustomerIds);
    }
}

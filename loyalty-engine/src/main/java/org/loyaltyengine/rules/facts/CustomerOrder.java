package org.loyaltyengine.rules.facts;

/**
 * An incoming webshop order (SPEC CU-4, CU-5): the customer number it names (null: none), the
 * customer known under that number (null: none), the id a customer created from it gets, whether the
 * order carries the buyer's details, whether this order was received before, and the number of
 * decimals of its currency (for rounding discounts).
 */
public record CustomerOrder(String orderId, String customerNumber, String knownCustomerId, String newCustomerId,
                            boolean buyerGiven, boolean alreadyReceived, int scale) {
}

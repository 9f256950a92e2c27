package org.loyaltyengine.rules.facts;

/**
 * Derived by the rules that decide an order's customer (SPEC CU-4, CU-7): the customer the order goes
 * to, however it was found, for the rules that follow from it (the customer's own discount, its remarks).
 */
public record CustomerOfOrder(String orderId, String customerId) {
}

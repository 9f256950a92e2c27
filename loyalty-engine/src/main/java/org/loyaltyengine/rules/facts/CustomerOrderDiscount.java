package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** Inserted by the rules: the one percentage that applies to an order's lines, and where it comes from. */
public record CustomerOrderDiscount(String orderId, BigDecimal percent, String source) {
}

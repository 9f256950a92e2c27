package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** A line of an incoming webshop order: its amount before any discount. */
public record CustomerOrderLine(String orderId, String lineId, BigDecimal amount) {
}

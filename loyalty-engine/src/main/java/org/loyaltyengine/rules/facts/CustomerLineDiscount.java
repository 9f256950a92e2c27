package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** Inserted by the rules: the discount amount of one order line. */
public record CustomerLineDiscount(String orderId, String lineId, BigDecimal amount) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** The discount percentage kept on a customer's master data (SPEC CU-1, CU-5). */
public record CustomerDiscount(String customerId, BigDecimal percent) {
}

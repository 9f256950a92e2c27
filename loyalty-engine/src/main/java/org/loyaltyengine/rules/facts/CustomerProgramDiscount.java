package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * A discount a loyalty program offers on the same order (for example the POS card's percentage),
 * which the customers rules combine with the customer's own discount (SPEC CU-5).
 */
public record CustomerProgramDiscount(String program, BigDecimal percent) {
}

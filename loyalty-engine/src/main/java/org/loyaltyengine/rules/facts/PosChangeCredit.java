package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** A manual top-up (positive) or deduction (negative) with the note the seed requires. */
public record PosChangeCredit(String cardNumber, BigDecimal amount, String note) {
}

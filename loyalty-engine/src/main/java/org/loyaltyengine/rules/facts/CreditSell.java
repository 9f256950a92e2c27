package org.loyaltyengine.rules.facts;

/** A sales document selling credits (SPEC CR-3): whether the customer uses credits and whether the id is taken. */
public record CreditSell(String saleId, String customerId, boolean usesCredits, boolean saleExists) {
}

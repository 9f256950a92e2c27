package org.loyaltyengine.rules.facts;

/**
 * What a customer's master data says for its orders (SPEC CU-1, CU-6): its remarks (the seed's
 * "Opmerkingen") and its default order remarks ("Standaard opmerkingen bij bestelling"), each null when
 * not set. Given for each customer an order may go to that has either.
 */
public record CustomerRemarks(String customerId, String remarks, String orderRemarks) {
}

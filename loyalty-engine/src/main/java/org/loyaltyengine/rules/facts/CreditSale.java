package org.loyaltyengine.rules.facts;

/** A stored sale: its customer and status ({@code OPEN}, {@code CONFIRMED} or {@code CANCELLED}). */
public record CreditSale(String saleId, String customerId, String status) {
}

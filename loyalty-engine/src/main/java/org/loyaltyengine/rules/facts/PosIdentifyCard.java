package org.loyaltyengine.rules.facts;

/** Identify a card on a receipt; {@code requestedMode} is DISCOUNT, CREDIT, or null to let the card decide. */
public record PosIdentifyCard(String receiptId, String cardNumber, String requestedMode) {
}

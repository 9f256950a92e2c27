package org.loyaltyengine.rules.facts;

/** Derived by the rules when a card is identified: the mode it will work in on the receipt (DISCOUNT or CREDIT). */
public record PosCardMode(String receiptId, String mode) {
}

package org.loyaltyengine.rules.facts;

/**
 * Derived by the rules when a card is identified: the mode it will work in on the receipt (DISCOUNT or CREDIT),
 * and whether the cashier chose it ({@code chosen}) or the rules decided it from the card.
 */
public record PosCardMode(String receiptId, String mode, boolean chosen) {
    /** A mode the rules decided from the card. */
    public PosCardMode(String receiptId, String mode) {
        this(receiptId, mode, false);
    }
}

package org.loyaltyengine.rules.facts;

/**
 * An open (or closed) POS receipt: its status, the card bound to it (null before one is identified),
 * whether that card is active now, the mode it works in ({@code DISCOUNT} or {@code CREDIT}), and how
 * many live items carry a discount.
 */
public record PosReceipt(String id, String status, String currency, String cardNumber, boolean cardActive,
                         String cardMode, int discountedItems) {
    public boolean isOpen() {
        return "OPEN".equals(status);
    }

    public boolean inCreditMode() {
        return cardActive && "CREDIT".equals(cardMode);
    }

    public boolean inDiscountMode() {
        return cardActive && "DISCOUNT".equals(cardMode);
    }
}

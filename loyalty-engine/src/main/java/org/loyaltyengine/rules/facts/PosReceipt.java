package org.loyaltyengine.rules.facts;

/**
 * An open (or closed) POS receipt: its status, the card bound to it (null before one is identified),
 * whether that card is active now, the mode it works in ({@code DISCOUNT} or {@code CREDIT}), how
 * many live items carry a discount, and how many live items were drawn from the card's credit (their
 * reservation pending or expired): the two counts let the rules keep discount and credit drawing apart
 * whichever order the cashier identifies, removes and adds in (SPEC PC-6).
 */
public record PosReceipt(String id, String status, String currency, String cardNumber, boolean cardActive,
                         String cardMode, int discountedItems, int drawnItems) {
    /** A receipt with nothing drawn from credit. */
    public PosReceipt(String id, String status, String currency, String cardNumber, boolean cardActive,
                      String cardMode, int discountedItems) {
        this(id, status, currency, cardNumber, cardActive, cardMode, discountedItems, 0);
    }

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

package org.loyaltyengine.pos;

import java.math.BigDecimal;
import java.util.List;

/**
 * A receipt as the POS shows it: status, card, and items with their discounts and reservations.
 * {@link #total()} is what the customer pays at the till; {@link #fromCredit()} what the card's
 * credit pays (its reservations, final once the receipt is paid).
 */
public record ReceiptView(String id, String status, String currency, String cardNumber, boolean cardActive,
                          String cardMode, List<Item> items) {
    public ReceiptView {
        items = List.copyOf(items);
    }

    /**
     * One item: its price, the discount it got, whether it is the credit item, deleted, its reservation,
     * and whether the card's credit pays it ({@code drawn}: the reservation holds, or the payment made it final).
     */
    public record Item(String lineId, String product, BigDecimal price, BigDecimal discount, boolean creditItem,
                       boolean deleted, String holdId, boolean drawn) {
        /** What the customer pays for this item at the till: nothing when the card's credit pays it. */
        public BigDecimal toPay() {
            return drawn ? BigDecimal.ZERO.setScale(price.scale()) : price.subtract(discount);
        }
    }

    /** What the customer pays at the till for the live items; items drawn from the card's credit are not in it. */
    public BigDecimal total() {
        return items.stream().filter(i -> !i.deleted()).map(Item::toPay).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** What the card's credit pays for the live items: their reservations, or the draws the payment made final. */
    public BigDecimal fromCredit() {
        return items.stream().filter(i -> !i.deleted() && i.drawn()).map(Item::price)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

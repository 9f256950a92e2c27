package org.loyaltyengine.pos;

import java.math.BigDecimal;
import java.util.List;

/** A receipt as the POS shows it: status, card, and items with their discounts and reservations. */
public record ReceiptView(String id, String status, String currency, String cardNumber, boolean cardActive,
                          String cardMode, List<Item> items) {
    public ReceiptView {
        items = List.copyOf(items);
    }

    /** One item: its price, the discount it got, whether it is the credit item, deleted, and its reservation. */
    public record Item(String lineId, String product, BigDecimal price, BigDecimal discount, boolean creditItem,
                       boolean deleted, String holdId) {
        public BigDecimal toPay() {
            return price.subtract(discount);
        }
    }

    /** What the customer pays for the live items. */
    public BigDecimal total() {
        return items.stream().filter(i -> !i.deleted()).map(Item::toPay).reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

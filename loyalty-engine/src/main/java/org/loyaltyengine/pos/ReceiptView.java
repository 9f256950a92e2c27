package org.loyaltyengine.pos;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A receipt as the POS shows it: status, card, and items with their discounts and reservations.
 * {@link #total()} is what the customer pays at the till; {@link #fromCredit()} what the card's
 * credit pays (its reservations, final once the receipt is paid). {@link #refunds()} are the refunds of the
 * paid receipt (SPEC X-13), oldest first; {@link #refund(String)} says which refund took a line.
 */
public record ReceiptView(String id, String status, String currency, String cardNumber, boolean cardActive,
                          String cardMode, List<Item> items, List<Refund> refunds) {
    public ReceiptView {
        items = List.copyOf(items);
        refunds = List.copyOf(refunds);
    }

    /** A receipt never refunded. */
    public ReceiptView(String id, String status, String currency, String cardNumber, boolean cardActive,
                       String cardMode, List<Item> items) {
        this(id, status, currency, cardNumber, cardActive, cardMode, items, List.of());
    }

    /**
     * One refund of the receipt (SPEC X-13): the host's refund id, its business date, when and by whom it was
     * made, the lines it took, what went back to the card for what its credit paid ({@code givenBack}) and
     * what was taken off the card for what the lines' top-ups loaded ({@code takenBack}).
     */
    public record Refund(String refundId, LocalDate date, Instant time, String user, List<String> lines,
                         BigDecimal givenBack, BigDecimal takenBack) {
        public Refund {
            lines = List.copyOf(lines);
        }
    }

    /** The refund that took this line, if one did. */
    public Optional<Refund> refund(String lineId) {
        return refunds.stream().filter(r -> r.lines().contains(lineId)).findFirst();
    }

    /** Whether a refund took this line. */
    public boolean refunded(String lineId) {
        return refund(lineId).isPresent();
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

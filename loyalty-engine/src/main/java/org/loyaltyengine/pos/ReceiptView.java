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
     * whether the card's credit pays it ({@code drawn}: the reservation holds, or the payment made it final),
     * and how much of the price the credit pays ({@code fromCredit}: the whole price, or what a voucher had left
     * when it paid part of the item, SPEC PC-12; zero when nothing is drawn).
     */
    public record Item(String lineId, String product, BigDecimal price, BigDecimal discount, boolean creditItem,
                       boolean deleted, String holdId, boolean drawn, BigDecimal fromCredit) {
        public Item {
            fromCredit = fromCredit == null ? BigDecimal.ZERO : fromCredit;
        }

        /** An item the credit pays whole when {@code drawn}, or not at all. */
        public Item(String lineId, String product, BigDecimal price, BigDecimal discount, boolean creditItem,
                    boolean deleted, String holdId, boolean drawn) {
            this(lineId, product, price, discount, creditItem, deleted, holdId, drawn, drawn ? price : BigDecimal.ZERO);
        }

        /**
         * What the customer pays for this item at the till: nothing when the card's credit pays it, the rest of
         * the price when a voucher paid part of it.
         */
        public BigDecimal toPay() {
            return drawn ? price.subtract(fromCredit) : price.subtract(discount);
        }

        /** Whether the card's credit pays only part of this item (a voucher that had less than its price). */
        public boolean partlyDrawn() {
            return drawn && fromCredit.compareTo(price) < 0;
        }
    }

    /** What the customer pays at the till for the live items; items drawn from the card's credit are not in it. */
    public BigDecimal total() {
        return items.stream().filter(i -> !i.deleted()).map(Item::toPay).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /**
     * What the card's credit pays for the live items: their reservations, or the draws the payment made final
     * (for an item a voucher paid part of, that part).
     */
    public BigDecimal fromCredit() {
        return items.stream().filter(i -> !i.deleted() && i.drawn()).map(Item::fromCredit)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}

package org.loyaltyengine.pos;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.Money;

/** The requests a POS host sends to {@link PosCards}; each validates itself on construction. */
public final class PosRequests {
    private PosRequests() {
    }

    /** A request about one receipt. */
    public interface ReceiptRequest {
        String receiptId();
    }

    /** How a card works on a receipt: gives its discount, or draws the item prices from its credit. */
    public enum CardMode { DISCOUNT, CREDIT }

    public record OpenReceipt(String receiptId, Currency currency) {
        public OpenReceipt {
            receipt(receiptId);
            Checks.notNull(currency, "receipt currency");
        }

        /** As the record's own text (see {@link AddItem#toString}). */
        @Override
        public String toString() {
            return "OpenReceipt[receiptId=" + receiptId + ", currency=" + currency + "]";
        }
    }

    /** Identify a card on a receipt; {@code mode} null lets the card decide (credit drawing if enabled). */
    public record IdentifyCard(String receiptId, String cardNumber, CardMode mode) implements ReceiptRequest {
        public IdentifyCard {
            receipt(receiptId);
            Checks.identifier(cardNumber, "card number", Limits.CARD_NUMBER);
        }

        /** As the record's own text (see {@link AddItem#toString}). */
        @Override
        public String toString() {
            return "IdentifyCard[receiptId=" + receiptId + ", cardNumber=" + cardNumber + ", mode=" + mode + "]";
        }
    }

    public record RemoveCard(String receiptId) implements ReceiptRequest {
        public RemoveCard {
            receipt(receiptId);
        }

        /** As the record's own text (see {@link AddItem#toString}). */
        @Override
        public String toString() {
            return "RemoveCard[receiptId=" + receiptId + "]";
        }
    }

    /**
     * An item put on a receipt: a line id unique on the receipt, the product, the line's price, and
     * optionally a cashier's discount for this item. A {@link #creditItem} is the special top-up item.
     */
    public record AddItem(String receiptId, String lineId, String product, Money price, boolean creditItem,
                          BigDecimal vatPercent, BigDecimal manualDiscountPercent) implements ReceiptRequest {
        public AddItem {
            receipt(receiptId);
            Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
            Checks.name(product, "product", Limits.NAME);
            Checks.notNull(price, "price");
            if (!price.isPositive()) {
                throw new InvalidValueException("item price must be greater than zero, was " + price);
            }
            Checks.percent(vatPercent, "VAT percent");
            if (manualDiscountPercent != null) {
                Checks.percent(manualDiscountPercent, "manual discount percent");
            }
        }

        /** An ordinary item at the given VAT. */
        public static AddItem of(String receiptId, String lineId, String product, Money price, String vatPercent) {
            return new AddItem(receiptId, lineId, product, price, false, Checks.parseDecimal(vatPercent, "VAT percent"),
                    null);
        }

        /** The special credit item that loads {@code amount} onto the receipt's card (0% VAT). */
        public static AddItem topUp(String receiptId, String lineId, Money amount) {
            return new AddItem(receiptId, lineId, "credit top-up", amount, true, BigDecimal.ZERO, null);
        }

        public AddItem withManualDiscount(String percent) {
            return new AddItem(receiptId, lineId, product, price, creditItem, vatPercent,
                    Checks.parseDecimal(percent, "manual discount percent"));
        }

        /**
         * The text a record's own {@code toString()} gives, spelled out, as for every request a till sends
         * about a receipt: the idempotency fingerprint is taken of it, so it stays exactly this, every
         * component named. Java 17 builds a record's text through {@code String.format}, which cost a till's
         * commands more than the rest of their fingerprint.
         */
        @Override
        public String toString() {
            return "AddItem[receiptId=" + receiptId + ", lineId=" + lineId + ", product=" + product + ", price=" + price
                    + ", creditItem=" + creditItem + ", vatPercent=" + vatPercent + ", manualDiscountPercent="
                    + manualDiscountPercent + "]";
        }
    }

    public record DeleteItem(String receiptId, String lineId) implements ReceiptRequest {
        public DeleteItem {
            receipt(receiptId);
            Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
        }

        /** As the record's own text (see {@link AddItem#toString}). */
        @Override
        public String toString() {
            return "DeleteItem[receiptId=" + receiptId + ", lineId=" + lineId + "]";
        }
    }

    public record PayReceipt(String receiptId) implements ReceiptRequest {
        public PayReceipt {
            receipt(receiptId);
        }

        /** As the record's own text (see {@link AddItem#toString}). */
        @Override
        public String toString() {
            return "PayReceipt[receiptId=" + receiptId + "]";
        }
    }

    public record AbandonReceipt(String receiptId) implements ReceiptRequest {
        public AbandonReceipt {
            receipt(receiptId);
        }

        /** As the record's own text (see {@link AddItem#toString}). */
        @Override
        public String toString() {
            return "AbandonReceipt[receiptId=" + receiptId + "]";
        }
    }

    /** A manual top-up (positive) or deduction (negative), with the note the manual requires. */
    public record ChangeCredit(String cardNumber, Money amount, String note) {
        public ChangeCredit {
            Checks.identifier(cardNumber, "card number", Limits.CARD_NUMBER);
            Checks.notNull(amount, "amount");
            if (amount.amount().signum() == 0) {
                throw new InvalidValueException("a manual credit change must not be zero");
            }
            Checks.requiredMultiLine(note, "note", Limits.NOTE);
        }
    }

    /**
     * Program settings: minutes a credit reservation on an open receipt lives before it expires, from
     * {@value #MIN_HOLD_MINUTES} to {@value #MAX_HOLD_MINUTES} (one week). A receipt stays open for minutes,
     * a tab perhaps overnight; a longer reservation would only keep a card's credit from its owner.
     */
    /**
     * A search of the card list (SPEC PC-9): the cards whose number, first name, last name or whole name
     * contains {@code text}, ignoring case and diacritics ("novak" finds Nováková), or every card when it is
     * null; {@code limit} cards from {@code offset} on, ordered by number.
     */
    public record CardSearch(String text, int offset, int limit) {
        /** The most cards one page holds. */
        public static final int MAX_LIMIT = 500;

        public CardSearch {
            text = text == null || text.isBlank() ? null : Checks.name(text.strip(), "search text", Limits.NAME);
            if (offset < 0) {
                throw new InvalidValueException("offset must not be negative, was " + offset);
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new InvalidValueException("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
            }
        }

        /** The first page of every card. */
        public static CardSearch all(int limit) {
            return new CardSearch(null, 0, limit);
        }

        /** The first page of the cards matching {@code text}. */
        public static CardSearch matching(String text, int limit) {
            return new CardSearch(text, 0, limit);
        }

        /** The page after this one. */
        public CardSearch next() {
            return new CardSearch(text, offset + limit, limit);
        }
    }

    /**
     * The program's settings, the whole of them.
     *
     * @param holdMinutes       how long a credit reservation holds
     * @param requireModeChoice whether identifying a card that both gives a discount and draws credit needs the
     *                          cashier's mode ({@link IdentifyCard#mode()}); when false such a card draws credit
     *                          unless DISCOUNT is asked for, and the outcome says so (SPEC PC-11)
     * @param discountNeedsCredit whether a card gives its discount only while credit is loaded on it (SPEC PC-10);
     *                          when false a discount card needs no credit
     */
    public record Configure(long holdMinutes, boolean requireModeChoice, boolean discountNeedsCredit) {
        /** The shortest reservation a shop may set. */
        public static final long MIN_HOLD_MINUTES = 1;
        /** The longest reservation a shop may set: one week. */
        public static final long MAX_HOLD_MINUTES = 7 * 24 * 60;

        public Configure {
            if (holdMinutes < MIN_HOLD_MINUTES || holdMinutes > MAX_HOLD_MINUTES) {
                throw new InvalidValueException("hold minutes (holdMinutes) must be between " + MIN_HOLD_MINUTES + " and "
                        + MAX_HOLD_MINUTES + " minutes (one week), was " + holdMinutes);
            }
        }

        /** Settings that let a card with discount and credit drawing be identified without a mode (it draws credit). */
        public Configure(long holdMinutes) {
            this(holdMinutes, false, false);
        }

        /** As {@link #Configure(long, boolean, boolean)}, a discount card needing no credit. */
        public Configure(long holdMinutes, boolean requireModeChoice) {
            this(holdMinutes, requireModeChoice, false);
        }
    }

    /**
     * A refund of a paid receipt (SPEC X-13), whole or by line: {@code refundId} is the host's refund document
     * (a credit note, a return slip), used once per tenant, by which the card's statement and the receipt name
     * the refund; {@code lineIds} the lines refunded, or empty for every line of the receipt not refunded yet.
     * Whole lines only: a line is refunded with all it drew from or loaded onto the card, or not at all.
     */
    public record Refund(String receiptId, String refundId, List<String> lineIds) implements ReceiptRequest {
        /** The most lines one refund names; a request is fingerprinted whole, so it is bounded. */
        public static final int MAX_LINES = 1000;

        public Refund {
            receipt(receiptId);
            Checks.identifier(refundId, "refund id", Limits.IDENTIFIER);
            Checks.notNull(lineIds, "refunded lines");
            lineIds = Checks.list(lineIds, "refunded lines");
            if (lineIds.size() > MAX_LINES) {
                throw new InvalidValueException("a refund names at most " + MAX_LINES + " lines, was " + lineIds.size()
                        + "; refund the whole receipt instead");
            }
            Set<String> seen = new HashSet<>();
            for (String l : lineIds) {
                Checks.identifier(l, "line id", Limits.IDENTIFIER);
                if (!seen.add(l)) {
                    throw new InvalidValueException("line " + l + " is named twice in refund " + refundId);
                }
            }
            lineIds = List.copyOf(lineIds);
        }

        /** Refunds every line of the receipt not refunded yet. */
        public static Refund whole(String receiptId, String refundId) {
            return new Refund(receiptId, refundId, List.of());
        }

        /** Refunds the lines named, each whole (none named: the whole receipt). */
        public static Refund lines(String receiptId, String refundId, String... lineIds) {
            // Arrays.asList, not List.of: a null array or line is refused typed by the constructor.
            return new Refund(receiptId, refundId, lineIds == null ? null : java.util.Arrays.asList(lineIds));
        }

        /** Whether the refund is of the whole receipt (no lines named). */
        public boolean whole() {
            return lineIds.isEmpty();
        }
    }

    private static void receipt(String receiptId) {
        Checks.identifier(receiptId, "receipt id", Limits.IDENTIFIER);
    }

    /** The sweep that expires reservations past their time. */
    public record ExpireHolds() {
    }
}

package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.pos.PosRequests.CardMode;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosReceipt;
import org.loyaltyengine.rules.facts.PosReceiptMoved;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Money;

/**
 * A POS receipt as the program keeps it, typed: its status, the card bound to it and whether that card
 * is active now and in which mode, and its items. The one place that knows how a receipt is stored as
 * a {@link Document} (its attribute names and how values are spelled), in both directions, so that a
 * receipt stored by any earlier build reads back and is written again the same way.
 *
 * @param cardNumber the card bound to the receipt, null before one is identified; once bound it stays
 *                   (the card may be removed and identified again, no other card may come)
 * @param cardMode   the mode the card works in, null before one is identified
 * @param version    the stored version this receipt was read at (0: not stored yet), saved with it as a
 *                   compare-and-set
 */
record Receipt(String id, Status status, LocalDate date, Currency currency, String cardNumber, boolean cardActive,
               CardMode cardMode, List<Item> items, long version) {
    /** The document type of a receipt. */
    static final String TYPE = "pos-receipt";

    // Stored attribute names: the document format, unchanged since the first release of the program.
    private static final String CARD = "card";
    private static final String CARD_ACTIVE = "cardActive";
    private static final String CARD_MODE = "cardMode";
    private static final String DISCOUNT = "discount";
    private static final String CREDIT_ITEM = "creditItem";
    private static final String VAT = "vat";
    private static final String HOLD_ID = "holdId";
    private static final String DELETED = "deleted";

    /** Where a receipt is in its life; the rules decide every move between them (pos-card's receipt.drl). */
    enum Status { OPEN, PAID, ABANDONED }

    /**
     * One item on the receipt: its price, the discount it got (zero if none), whether it is the credit
     * (top-up) item, its VAT, the reservation made for it (null if none), and whether it was deleted.
     * A deleted item stays on the receipt, so its history and reservation can be traced.
     *
     * @param stored the line the item was read from, when that line is spelled exactly as {@link #toLine}
     *               writes the item (checked as it is read, {@link #inFormat}); null for an item not stored
     *               yet, changed since it was read, or stored in another spelling. Every command saves the
     *               whole receipt, and an item left as read is written back as its line, not encoded and
     *               checked anew
     */
    record Item(String lineId, String product, BigDecimal quantity, BigDecimal price, BigDecimal discount,
                boolean creditItem, BigDecimal vatPercent, String holdId, boolean deleted, DocumentLine stored) {
        Item {
            Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
            Checks.notNull(quantity, "quantity of line", lineId);
            Checks.notNull(price, "price of line", lineId);
            Checks.notNull(discount, "discount of line", lineId);
        }

        /** An item not stored yet. */
        Item(String lineId, String product, BigDecimal quantity, BigDecimal price, BigDecimal discount,
             boolean creditItem, BigDecimal vatPercent, String holdId, boolean deleted) {
            this(lineId, product, quantity, price, discount, creditItem, vatPercent, holdId, deleted, null);
        }

        /** Whether the item counts on the receipt (it was not deleted). */
        boolean live() {
            return !deleted;
        }

        Item asDeleted() {
            return new Item(lineId, product, quantity, price, discount, creditItem, vatPercent, holdId, true);
        }

        private DocumentLine toLine() {
            if (stored != null) {
                return stored;
            }
            Map<String, String> a = new LinkedHashMap<>();
            a.put(DISCOUNT, discount.toPlainString());
            a.put(CREDIT_ITEM, Boolean.toString(creditItem));
            if (vatPercent != null) {
                a.put(VAT, vatPercent.toPlainString());
            }
            if (holdId != null) {
                a.put(HOLD_ID, holdId);
            }
            if (deleted) {
                a.put(DELETED, "true");
            }
            return new DocumentLine(lineId, product, quantity, price, a);
        }

        /**
         * Whether {@code line} is spelled exactly as {@link #toLine} writes the item it reads as, found on its
         * text without encoding anything (so this must know every attribute {@code toLine} writes): the
         * discount and the credit flag present, decimals as {@code toPlainString} writes them, flags as
         * {@code true} or {@code false}, {@code deleted} only when true, and nothing else.
         */
        private static boolean inFormat(DocumentLine line) {
            Map<String, String> a = line.attributes();
            String credit = a.get(CREDIT_ITEM);
            String vat = a.get(VAT);
            String deleted = a.get(DELETED);
            int attributes = 2 + (vat != null ? 1 : 0) + (a.containsKey(HOLD_ID) ? 1 : 0) + (deleted != null ? 1 : 0);
            return a.size() == attributes && isPlainDecimal(a.get(DISCOUNT))
                    && ("true".equals(credit) || "false".equals(credit))
                    && (vat == null || isPlainDecimal(vat)) && (deleted == null || deleted.equals("true"));
        }

        private static Item of(DocumentLine l) {
            Map<String, String> a = l.attributes();
            String discount = a.get(DISCOUNT);
            String vat = a.get(VAT);
            return new Item(l.lineId(), l.product(), l.quantity(), l.amount(),
                    discount == null ? BigDecimal.ZERO : decimal(discount, "discount of line", l.lineId()),
                    Boolean.parseBoolean(a.get(CREDIT_ITEM)), vat == null ? null : decimal(vat, "VAT of line", l.lineId()),
                    a.get(HOLD_ID), Boolean.parseBoolean(a.get(DELETED)), inFormat(l) ? l : null);
        }
    }

    Receipt {
        Checks.identifier(id, "receipt id", Limits.IDENTIFIER);
        Checks.notNull(status, "receipt status");
        Checks.notNull(date, "receipt date");
        Checks.notNull(currency, "receipt currency");
        items = List.copyOf(items);
    }

    /** A receipt just opened: no card, no items. */
    static Receipt opened(String id, Currency currency, LocalDate date) {
        return new Receipt(id, Status.OPEN, date, currency, null, false, null, List.of(), 0);
    }

    /** The key a command on this receipt locks before it reads it. */
    static LockKey lock(String receiptId) {
        return LockKey.document(TYPE, receiptId);
    }

    static Receipt from(Document d) {
        if (!d.type().equals(TYPE)) {
            throw new InternalDefectException("document " + d.id() + " is a " + d.type() + ", not a receipt");
        }
        String status = d.status();
        Status s;
        try {
            s = Status.valueOf(status);
        } catch (IllegalArgumentException e) {
            throw new InvalidValueException("receipt " + d.id() + " has status '" + status + "'; a receipt is OPEN, PAID"
                    + " or ABANDONED");
        }
        if (d.currency() == null) {
            throw new InvalidValueException("receipt " + d.id() + " has no currency");
        }
        List<Item> items = new ArrayList<>(d.lines().size());
        for (DocumentLine l : d.lines()) {
            items.add(Item.of(l));
        }
        String mode = d.attributes().get(CARD_MODE);
        return new Receipt(d.id(), s, d.date(), Money.currency(d.currency()), d.attributes().get(CARD),
                Boolean.parseBoolean(d.attributes().get(CARD_ACTIVE)), mode == null ? null : mode(mode), items,
                d.version());
    }

    /**
     * The receipt as a document, with the version it was read at. The owner is the card bound to it, so
     * a card's receipts can be listed (and through them the reservations they settled).
     */
    Document toDocument() {
        Map<String, String> a = new LinkedHashMap<>();
        if (cardNumber != null) {
            a.put(CARD, cardNumber);
            a.put(CARD_ACTIVE, Boolean.toString(cardActive));
        }
        if (cardMode != null) {
            a.put(CARD_MODE, cardMode.name());
        }
        DocumentLine[] lines = new DocumentLine[items.size()];
        for (int i = 0; i < lines.length; i++) {
            lines[i] = items.get(i).toLine();
        }
        return new Document(TYPE, id, cardNumber, status.name(), date, currency.getCurrencyCode(), a, List.of(lines),
                version);
    }

    Optional<Item> item(String lineId) {
        for (Item i : items) {
            if (i.lineId().equals(lineId)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** The card bound and active, in the mode the rules chose. */
    Receipt withCard(String number, CardMode mode) {
        return new Receipt(id, status, date, currency, number, true, mode, items, version);
    }

    /** The card stays bound to the receipt but works no more for the items that follow. */
    Receipt withCardRemoved() {
        return new Receipt(id, status, date, currency, cardNumber, false, cardMode, items, version);
    }

    Receipt withItem(Item item) {
        List<Item> more = new ArrayList<>(items);
        more.add(item);
        return new Receipt(id, status, date, currency, cardNumber, cardActive, cardMode, more, version);
    }

    Receipt withItemDeleted(String lineId) {
        return new Receipt(id, status, date, currency, cardNumber, cardActive, cardMode,
                items.stream().map(i -> i.lineId().equals(lineId) ? i.asDeleted() : i).toList(), version);
    }

    /**
     * The receipt in the status the rules decided for {@code transition} ({@link PosReceiptMoved}). The rules
     * decide the status after every move they let through on an existing receipt; a rule set that lets one
     * through without deciding it is a defect, refused here before anything of the command is saved.
     */
    Receipt after(Decision decision, String transition) {
        PosReceiptMoved moved = decision.resultOf(PosReceiptMoved.class)
                .filter(m -> m.receiptId().equals(id) && m.transition().equals(transition))
                .orElseThrow(() -> new InternalDefectException("the rules let the move " + transition + " on receipt " + id
                        + " through without deciding the receipt's status after it (a PosReceiptMoved result)"));
        return new Receipt(id, Status.valueOf(moved.status()), date, currency, cardNumber, cardActive, cardMode, items,
                version);
    }

    /**
     * The receipt as the rules see it, with how many live items carry a discount and how many were drawn
     * from the card's credit (a reservation was made for them, pending or since expired).
     */
    PosReceipt fact() {
        int discounted = 0;
        int drawn = 0;
        for (Item i : items) {
            if (i.live() && i.discount().signum() > 0) {
                discounted++;
            }
            if (i.live() && i.holdId() != null) {
                drawn++;
            }
        }
        return new PosReceipt(id, status.name(), currency.getCurrencyCode(), cardNumber, cardActive,
                cardMode == null ? null : cardMode.name(), discounted, drawn);
    }

    /** A card mode as the rules decide it or as stored. */
    static CardMode mode(String value) {
        for (CardMode m : CardMode.values()) {
            if (m.name().equals(value)) {
                return m;
            }
        }
        throw new InvalidValueException("card mode must be DISCOUNT or CREDIT, was '" + value + "'");
    }

    /**
     * Whether {@code text} is a decimal as {@link BigDecimal#toPlainString} writes one, so that it reads
     * back as the number that writes it again: digits with an optional fraction, no plus sign, no leading
     * zero but a lone one, no exponent, and no minus before a zero.
     */
    private static boolean isPlainDecimal(String text) {
        if (text == null) {
            return false;
        }
        int start = text.startsWith("-") ? 1 : 0;
        int i = start;
        boolean nonZero = false;
        while (i < text.length() && isDigit(text.charAt(i))) {
            nonZero |= text.charAt(i) != '0';
            i++;
        }
        int digits = i - start;
        if (digits == 0 || digits > 1 && text.charAt(start) == '0') {
            return false;
        }
        if (i < text.length()) {
            if (text.charAt(i) != '.' || i == text.length() - 1) {
                return false;
            }
            for (i++; i < text.length(); i++) {
                if (!isDigit(text.charAt(i))) {
                    return false;
                }
                nonZero |= text.charAt(i) != '0';
            }
        }
        return start == 0 || nonZero;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static BigDecimal decimal(String value, String what, String line) {
        if (value.equals("0")) {
            // The discount of every item that has none, read for every line on every command: the constant.
            return BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(value);
        } catch (NumberFormatException e) {
            throw new InvalidValueException(what + " " + line + " must be a decimal number, was '" + value + "'");
        }
    }
}

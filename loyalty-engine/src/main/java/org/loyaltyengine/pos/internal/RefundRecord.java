package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Money;

/**
 * A refund of a paid POS receipt as the program keeps it (SPEC X-13): a {@code pos-refund} document named by
 * the host's refund id and owned by the receipt, so a receipt's refunds are listed by its id. Each line is a
 * receipt line the refund took, with what went back to the card ({@code givenBack}, what its credit paid) and
 * what was taken back ({@code takenBack}, what its top-up loaded). The one place that knows the stored format.
 *
 * @param cardNumber the receipt's card, null for a receipt that never had one
 * @param user       who refunded
 */
record RefundRecord(String refundId, String receiptId, String cardNumber, LocalDate date, Currency currency,
                    Instant at, String user, List<Line> lines) {
    /** The document type of a refund. */
    static final String TYPE = "pos-refund";
    private static final String STATUS = "REFUNDED";
    private static final String CARD = "card";
    private static final String AT = "at";
    private static final String USER = "user";
    private static final String GIVEN_BACK = "givenBack";
    private static final String TAKEN_BACK = "takenBack";

    /** One receipt line the refund took. */
    record Line(String lineId, String product, BigDecimal quantity, BigDecimal price, BigDecimal givenBack,
                BigDecimal takenBack) {
    }

    RefundRecord {
        lines = List.copyOf(lines);
    }

    /** The key a refund locks under its id, so an id is taken once even by two refunds at the same moment. */
    static LockKey lock(String refundId) {
        return LockKey.document(TYPE, refundId);
    }

    static RefundRecord from(Document d) {
        if (!d.type().equals(TYPE)) {
            throw new InternalDefectException("document " + d.id() + " is a " + d.type() + ", not a refund");
        }
        List<Line> lines = new ArrayList<>(d.lines().size());
        for (DocumentLine l : d.lines()) {
            lines.add(new Line(l.lineId(), l.product(), l.quantity(), l.amount(), decimal(l, GIVEN_BACK),
                    decimal(l, TAKEN_BACK)));
        }
        String at = d.attributes().get(AT);
        Instant time;
        try {
            time = at == null ? null : Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidValueException("refund " + d.id() + " has the time '" + at + "', not an instant");
        }
        return new RefundRecord(d.id(), d.owner(), d.attributes().get(CARD), d.date(),
                d.currency() == null ? null : Money.currency(d.currency()), time, d.attributes().get(USER), lines);
    }

    /** The ids of the receipt lines a stored refund took, without reading the rest of it. */
    static List<String> linesOf(Document d) {
        return d.lines().stream().map(DocumentLine::lineId).toList();
    }

    Document toDocument() {
        Map<String, String> a = new LinkedHashMap<>();
        if (cardNumber != null) {
            a.put(CARD, cardNumber);
        }
        a.put(AT, at.toString());
        a.put(USER, user);
        List<DocumentLine> out = new ArrayList<>(lines.size());
        for (Line l : lines) {
            out.add(new DocumentLine(l.lineId(), l.product(), l.quantity(), l.price(),
                    Map.of(GIVEN_BACK, l.givenBack().toPlainString(), TAKEN_BACK, l.takenBack().toPlainString())));
        }
        return new Document(TYPE, refundId, receiptId, STATUS, date, currency.getCurrencyCode(), a, out, 0);
    }

    private static BigDecimal decimal(DocumentLine l, String attribute) {
        String v = l.attributes().get(attribute);
        if (v == null) {
            return BigDecimal.ZERO;
        }
        try {
            return Checks.decimal(new BigDecimal(v), attribute + " of refunded line", l.lineId());
        } catch (NumberFormatException e) {
            throw new InvalidValueException(attribute + " of refunded line " + l.lineId() + " must be a decimal number, was '"
                    + v + "'");
        }
    }
}

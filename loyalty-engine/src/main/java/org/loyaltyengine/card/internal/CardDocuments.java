package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.LockKey;

/**
 * The documents the customer card keeps, and the keys its commands lock.
 *
 * <ul>
 *   <li>{@value #SALE}: every consultation or sale the practice locked (or settled on), for customers
 *       who take part and for those who do not, so enrolment can look back (CC-4);</li>
 *   <li>{@value #PRODUCT}: one per product of the catalogue, whose lines are its validity periods
 *       (CC-2);</li>
 *   <li>{@value #ENROLMENT}: one per customer who takes part (CC-3);</li>
 *   <li>{@value #SETTLEMENT}: one per settlement, named by its idempotency key, with the negative free
 *       booking (CC-6);</li>
 *   <li>{@value #CREDIT_NOTE}: one per credit note .</li>
 * </ul>
 */
final class CardDocuments {
    static final String SALE = "customer-card.sale";
    static final String PRODUCT = "customer-card.product";
    static final String ENROLMENT = "customer-card.enrolment";
    static final String SETTLEMENT = "customer-card.settlement";
    static final String CREDIT_NOTE = "customer-card.credit-note";

    private CardDocuments() {
    }

    static LockKey sale(String documentId) {
        return LockKey.document(SALE, documentId);
    }

    static LockKey enrolment(String customerId) {
        return LockKey.document(ENROLMENT, customerId);
    }

    /** The sale as the host sent it, in {@code status}, over what is stored of it (its attributes, its version). */
    static Document saleAs(Sale s, String status, Document stored) {
        List<DocumentLine> lines = s.lines().stream().map(l -> new DocumentLine(l.lineId(), l.product(), l.quantity(),
                l.amount().amount(), Map.of())).toList();
        return new Document(SALE, s.documentId(), s.customerId(), status, s.date(), s.currency().getCurrencyCode(),
                stored == null ? Map.of() : stored.attributes(), lines, stored == null ? 0 : stored.version());
    }

    /** A new enrolment: how ({@code enrolled}, {@code bulk}, {@code automatic}) and by whom. */
    static Document enrolment(String customerId, LocalDate date, String how, String user) {
        return new Document(ENROLMENT, customerId, customerId, "ENROLLED", date, null, Map.of("how", how, "by", user),
                List.of(), 0);
    }

    static boolean hasReturns(Document doc) {
        return Boolean.parseBoolean(doc.attribute("returns").orElse("false"));
    }

    static BigDecimal returnedOf(DocumentLine l) {
        return l.attribute("returned").map(BigDecimal::new).orElse(BigDecimal.ZERO);
    }
}

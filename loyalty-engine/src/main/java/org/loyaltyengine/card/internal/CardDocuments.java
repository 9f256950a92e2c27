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
 *       booking (CC-6); {@value #BOOKED}, or {@value #TAKEN_BACK} once its document was unlocked (CC-12);</li>
 *   <li>{@value #CREDIT_NOTE}: one per credit note .</li>
 * </ul>
 */
final class CardDocuments {
    static final String SALE = "customer-card.sale";
    static final String PRODUCT = "customer-card.product";
    static final String ENROLMENT = "customer-card.enrolment";
    /** The status of the enrolment of a customer who stopped taking part (CC-11). */
    static final String WITHDRAWN = "WITHDRAWN";
    static final String SETTLEMENT = "customer-card.settlement";
    /** The status of a settlement in force. */
    static final String BOOKED = "BOOKED";
    /** The status of a settlement taken back by the unlock or cancellation of its document (CC-12). */
    static final String TAKEN_BACK = "TAKEN_BACK";
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
        return enrolment(customerId, date, how, user, null);
    }

    /** A new enrolment, or one again over a withdrawn one ({@code stored}: its version is kept). */
    static Document enrolment(String customerId, LocalDate date, String how, String user, Document stored) {
        return new Document(ENROLMENT, customerId, customerId, "ENROLLED", date, null, Map.of("how", how, "by", user),
                List.of(), stored == null ? 0 : stored.version());
    }

    /** Whether an enrolment as stored (or null) says the customer takes part: not withdrawn (CC-11). */
    static boolean isEnrolled(Document enrolment) {
        return enrolment != null && !enrolment.status().equals(WITHDRAWN);
    }

    /** The enrolment of a customer who stops taking part, kept with how they joined and by whom they left. */
    static Document withdrawn(Document enrolment, LocalDate date, String user) {
        Map<String, String> attributes = new java.util.TreeMap<>(enrolment.attributes());
        attributes.put("withdrawnBy", user);
        return new Document(ENROLMENT, enrolment.id(), enrolment.owner(), WITHDRAWN, date, null, attributes, List.of(),
                enrolment.version());
    }

    /** The settlements of {@code settlements} as kept once taken back (CC-12), with who took them back. */
    static List<org.loyaltyengine.internal.Write> takenBack(List<Document> settlements, boolean taken, String user) {
        if (!taken) {
            return List.of();
        }
        return settlements.stream().<org.loyaltyengine.internal.Write>map(d -> {
            Map<String, String> attributes = new java.util.TreeMap<>(d.attributes());
            attributes.put("takenBackBy", user);
            return new org.loyaltyengine.internal.Write.SaveDocument(new Document(SETTLEMENT, d.id(), d.owner(),
                    TAKEN_BACK, d.date(), d.currency(), attributes, d.lines(), d.version()));
        }).toList();
    }

    static boolean hasReturns(Document doc) {
        return Boolean.parseBoolean(doc.attribute("returns").orElse("false"));
    }

    static BigDecimal returnedOf(DocumentLine l) {
        return l.attribute("returned").map(BigDecimal::new).orElse(BigDecimal.ZERO);
    }
}

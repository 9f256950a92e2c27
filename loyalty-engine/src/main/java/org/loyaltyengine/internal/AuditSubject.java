package org.loyaltyengine.internal;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.StoreTransaction;

/**
 * A subject whose changes the audit trail keeps (see {@code AuditTrail}): its kind, its id, and how to
 * read its state as named values. The pipeline reads the state before and after a command records its
 * changes and keeps both when they differ.
 */
public record AuditSubject(String kind, String id, Function<StoreTransaction, Map<String, String>> state) {
    public AuditSubject {
        Checks.text(kind, "audit kind");
        Checks.text(id, "audit subject");
        Checks.notNull(state, "state reader");
    }

    /** A program's settings, as stored. */
    public static AuditSubject settings(String kind, String program) {
        return new AuditSubject(kind, program, tx -> new TreeMap<>(tx.settings().of(program)));
    }

    /** A POS card's definition. */
    public static AuditSubject card(String kind, String number) {
        return new AuditSubject(kind, number, tx -> tx.cards().find(number).map(AuditSubject::state).orElse(Map.of()));
    }

    /** A customer's master data: number, name and every attribute. */
    public static AuditSubject customer(String kind, String customerId) {
        return new AuditSubject(kind, customerId, tx -> tx.customers().find(customerId).map(AuditSubject::state)
                .orElse(Map.of()));
    }

    /** A program document: its status, attributes and lines' attributes ({@code lines.<id>.<name>}). */
    public static AuditSubject document(String kind, String type, String documentId) {
        return new AuditSubject(kind, documentId, tx -> tx.documents().find(type, documentId)
                .map(AuditSubject::state).orElse(Map.of()));
    }

    private static Map<String, String> state(Card c) {
        Map<String, String> s = new TreeMap<>();
        s.put("firstName", c.firstName());
        s.put("lastName", c.lastName());
        s.put("discountPercent", c.discountPercent().toPlainString());
        s.put("creditDrawing", Boolean.toString(c.creditDrawing()));
        s.put("loadOntoCard", Boolean.toString(c.loadOntoCard()));
        s.put("currency", c.currency().getCurrencyCode());
        // Only a voucher says what it is, so an ordinary card's audit state reads as it always did.
        if (c.isVoucher()) {
            s.put("kind", c.kind().name());
            if (c.validUntil() != null) {
                s.put("validUntil", c.validUntil().toString());
            }
        }
        return s;
    }

    private static Map<String, String> state(Customer c) {
        Map<String, String> s = new TreeMap<>();
        c.attributes().forEach((k, v) -> s.put("attribute." + k, v));
        s.put("name", c.name());
        if (c.number() != null) {
            s.put("number", c.number());
        }
        return s;
    }

    private static Map<String, String> state(Document d) {
        Map<String, String> s = new TreeMap<>();
        d.attributes().forEach((k, v) -> s.put("attribute." + k, v));
        for (DocumentLine l : d.lines()) {
            l.attributes().forEach((k, v) -> s.put("lines." + l.lineId() + "." + k, v));
        }
        s.put("status", d.status());
        return s;
    }
}

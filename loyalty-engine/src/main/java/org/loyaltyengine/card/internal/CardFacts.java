package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.card.CardLine;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.rules.facts.CardCustomer;
import org.loyaltyengine.rules.facts.CardOpen;
import org.loyaltyengine.rules.facts.CardOpenLine;
import org.loyaltyengine.rules.facts.CardSale;
import org.loyaltyengine.rules.facts.CardSaleLine;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;

/** The facts the customer-card rules see, built from what a command read; pure functions. */
final class CardFacts {
    private CardFacts() {
    }

    /** The one account a card command may change, with no floor: a return of a settled line may take it below zero. */
    static Map<AccountKey, BigDecimal> accountOf(CardReads.CustomerCard card) {
        Map<AccountKey, BigDecimal> accounts = new HashMap<>();
        accounts.put(card.account(), null);
        return accounts;
    }

    static CardCustomer customer(CardReads.CustomerCard card) {
        return new CardCustomer(card.customerId(), card.enrolled(), card.account());
    }

    /** A stored document and its lines with what the card's ledger says of each (unlock, credit note, enrolment). */
    static List<Object> document(Document doc, CardLedger ledger) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CardSale(doc.id(), doc.owner(), doc.date(), doc.status(), CardDocuments.hasReturns(doc)));
        for (DocumentLine l : doc.lines()) {
            facts.add(line(doc.id(), doc.date(), l.lineId(), l.product(), l.quantity(), l.amount(),
                    CardDocuments.returnedOf(l), ledger));
        }
        return facts;
    }

    /** The lines of a sale as the host sends them (nothing returned), for lock and settlement. */
    static List<Object> saleLines(Sale sale, CardLedger ledger) {
        List<Object> facts = new ArrayList<>();
        for (SaleLine l : sale.lines()) {
            facts.add(line(sale.documentId(), sale.date(), l.lineId(), l.product(), l.quantity(), l.amount().amount(),
                    BigDecimal.ZERO, ledger));
        }
        return facts;
    }

    private static CardSaleLine line(String document, LocalDate date, String lineId, String product,
                                     BigDecimal quantity, BigDecimal amount, BigDecimal returned, CardLedger ledger) {
        CardLedger.Sums sums = ledger.of(document, lineId);
        return new CardSaleLine(document, lineId, product, date, quantity, amount, sums.onCard, sums.open,
                sums.adjusted, returned, sums.removed);
    }

    /**
     * The open card as the ledger has it, and each of its lines with its sale's date and quantities, for
     * the rules to count. {@code documents} holds every document an open line names
     * ({@link CardReads#openDocuments}).
     */
    static List<Object> openCard(String customerId, AccountKey account, BigDecimal balance, CardLedger ledger,
                                 Map<String, Optional<Document>> documents) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CardOpen(customerId, account, balance));
        for (Map.Entry<CardLedger.Key, CardLedger.Sums> e : ledger.openLines()) {
            CardLedger.Key k = e.getKey();
            Optional<Document> doc = k.document() == null ? Optional.empty() : documents.get(k.document());
            Optional<DocumentLine> line = doc.flatMap(d -> d.line(k.line()));
            facts.add(new CardOpenLine(customerId, k.document(), k.line(), line.isPresent() ? doc.get().date() : null,
                    line.map(DocumentLine::quantity).orElse(null),
                    line.map(CardDocuments::returnedOf).orElse(BigDecimal.ZERO), e.getValue().open));
        }
        return facts;
    }

    /** The lines of the open card, in the order they first appeared, for a status or a settlement preview. */
    static List<CardLine> openLines(CardLedger ledger, Map<String, Optional<Document>> documents) {
        List<CardLine> lines = new ArrayList<>();
        for (Map.Entry<CardLedger.Key, CardLedger.Sums> e : ledger.openLines()) {
            CardLedger.Key k = e.getKey();
            if (k.document() == null) {
                lines.add(new CardLine(null, k.line(), null, null, null, e.getValue().open, e.getValue().note));
                continue;
            }
            Optional<Document> doc = documents.get(k.document());
            Optional<DocumentLine> line = doc.flatMap(d -> d.line(k.line()));
            lines.add(new CardLine(k.document(), k.line(), line.map(DocumentLine::product).orElse(null),
                    doc.map(Document::date).orElse(null), line.map(DocumentLine::quantity).orElse(null),
                    e.getValue().open, null));
        }
        return lines;
    }
}

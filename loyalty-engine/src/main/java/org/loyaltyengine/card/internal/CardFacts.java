package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.card.CardLine;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.rules.facts.CcCard;
import org.loyaltyengine.rules.facts.CcCustomer;
import org.loyaltyengine.rules.facts.CcDocument;
import org.loyaltyengine.rules.facts.CcLine;
import org.loyaltyengine.rules.facts.CcSettings;
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

    static CcCustomer customer(CardReads.CustomerCard card) {
        return new CcCustomer(card.customerId(), card.enrolled(), card.account());
    }

    /** A stored document and its lines with what the card's ledger says of each (unlock, credit note, enrolment). */
    static List<Object> document(Document doc, CcSettings settings, CardLedger ledger, Catalogue catalogue) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CcDocument(doc.id(), doc.owner(), doc.date(), doc.status(), CardDocuments.hasReturns(doc)));
        for (DocumentLine l : doc.lines()) {
            facts.add(line(doc.id(), doc.date(), l.lineId(), l.product(), l.quantity(), l.amount(),
                    CardDocuments.returnedOf(l), settings, ledger, catalogue));
        }
        return facts;
    }

    /** The lines of a sale as the host sends them (nothing returned), for lock and settlement. */
    static List<Object> saleLines(Sale sale, CcSettings settings, CardLedger ledger, Catalogue catalogue) {
        List<Object> facts = new ArrayList<>();
        for (SaleLine l : sale.lines()) {
            facts.add(line(sale.documentId(), sale.date(), l.lineId(), l.product(), l.quantity(), l.amount().amount(),
                    BigDecimal.ZERO, settings, ledger, catalogue));
        }
        return facts;
    }

    private static CcLine line(String document, LocalDate date, String lineId, String product, BigDecimal quantity,
                               BigDecimal amount, BigDecimal returned, CcSettings settings, CardLedger ledger,
                               Catalogue catalogue) {
        Optional<DocumentLine> period = catalogue.periodAt(product, date);
        boolean eligible = period.map(p -> Boolean.parseBoolean(p.attribute("eligible").orElse("false"))).orElse(false);
        BigDecimal percent = period.flatMap(p -> p.attribute("percent")).map(BigDecimal::new)
                .orElse(settings.defaultPercent());
        CardLedger.Sums sums = ledger.of(document, lineId);
        return new CcLine(document, lineId, product, date, quantity, amount, eligible, percent, sums.onCard, sums.open,
                sums.adjusted, returned, sums.removed);
    }

    /**
     * Units, purchases and visits of the open card: its purchase lines that still have value on it.
     * {@code documents} holds every document an open line names ({@link CardReads#openDocuments}).
     */
    static CcCard card(String customerId, AccountKey account, BigDecimal balance, CardLedger ledger,
                       Map<String, Optional<Document>> documents) {
        BigDecimal units = BigDecimal.ZERO;
        int purchases = 0;
        Set<LocalDate> days = new HashSet<>();
        for (Map.Entry<CardLedger.Key, CardLedger.Sums> e : ledger.openLines()) {
            CardLedger.Key k = e.getKey();
            if (k.document() == null || e.getValue().open.signum() <= 0) {
                continue;
            }
            Optional<Document> doc = documents.get(k.document());
            Optional<DocumentLine> line = doc.flatMap(d -> d.line(k.line()));
            if (line.isEmpty()) {
                continue;
            }
            purchases++;
            units = units.add(line.get().quantity().subtract(CardDocuments.returnedOf(line.get())));
            days.add(doc.get().date());
        }
        return new CcCard(customerId, account, balance, units, purchases, days.size());
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

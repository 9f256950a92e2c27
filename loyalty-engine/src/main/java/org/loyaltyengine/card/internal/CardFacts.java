package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.card.CardLine;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.rules.facts.CardCustomer;
import org.loyaltyengine.rules.facts.CardLedgerEntry;
import org.loyaltyengine.rules.facts.CardOpen;
import org.loyaltyengine.rules.facts.CardOpenLine;
import org.loyaltyengine.rules.facts.CardOpenLines;
import org.loyaltyengine.rules.facts.CardSale;
import org.loyaltyengine.rules.facts.CardSaleLine;
import org.loyaltyengine.rules.facts.CardStoredLine;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.LedgerEntry;

/**
 * The facts the customer-card rules see, built from what a command read, and the lines of their answer
 * as a host reads them; pure functions. Nothing here totals the ledger: the rules do (ledger.drl).
 */
final class CardFacts {
    private CardFacts() {
    }

    /** The one account a card command may change, with no floor: a return of a settled line may take it below zero. */
    static Map<AccountKey, BigDecimal> accountOf(CardReads.CustomerCard card) {
        Map<AccountKey, BigDecimal> accounts = new HashMap<>();
        accounts.put(card.account(), null);
        return accounts;
    }

    /** The customer as the rules see them, and every entry of their card account as stored. */
    static List<Object> card(CardReads.CustomerCard card) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CardCustomer(card.customerId(), card.enrolled(), card.account()));
        facts.addAll(entries(card));
        return facts;
    }

    /** Every entry of the customer's card account, as stored. */
    static List<CardLedgerEntry> entries(CardReads.CustomerCard card) {
        List<CardLedgerEntry> entries = new ArrayList<>();
        for (LedgerEntry e : card.entries()) {
            entries.add(new CardLedgerEntry(card.customerId(), e.sequence(), e.kind(), e.document(), e.line(),
                    e.amount(), e.note()));
        }
        return entries;
    }

    /** A stored document the command is about and its lines as stored (unlock, credit note, enrolment). */
    static List<Object> document(Document doc) {
        List<Object> facts = new ArrayList<>();
        facts.add(sale(doc));
        for (DocumentLine l : doc.lines()) {
            facts.add(new CardSaleLine(doc.id(), l.lineId(), l.product(), doc.date(), l.quantity(), l.amount(),
                    CardDocuments.returnedOf(l)));
        }
        return facts;
    }

    /** The lines of a sale as the host sends them (nothing returned), for lock and settlement. */
    static List<Object> saleLines(Sale sale) {
        List<Object> facts = new ArrayList<>();
        for (SaleLine l : sale.lines()) {
            facts.add(new CardSaleLine(sale.documentId(), l.lineId(), l.product(), sale.date(), l.quantity(),
                    l.amount().amount(), BigDecimal.ZERO));
        }
        return facts;
    }

    /** A sale as stored, with its status, and its lines as stored. */
    static List<Object> stored(Document doc) {
        List<Object> facts = new ArrayList<>();
        facts.add(sale(doc));
        for (DocumentLine l : doc.lines()) {
            facts.add(new CardStoredLine(doc.id(), l.lineId(), l.product(), doc.date(), l.quantity(), l.amount(),
                    CardDocuments.returnedOf(l)));
        }
        return facts;
    }

    /** The lines of a sale as stored, without the sale (a lock's own sale, recorded by the lock). */
    static List<Object> storedLines(Document doc) {
        return stored(doc).subList(1, doc.lines().size() + 1);
    }

    private static CardSale sale(Document doc) {
        return new CardSale(doc.id(), doc.owner(), doc.date(), doc.status(), CardDocuments.hasReturns(doc));
    }

    /**
     * The open card to count (a settlement, a status read): the account and its balance, and the sales on
     * record of {@code documents}, the ones the open card can name ({@link CardReads#openDocuments}).
     */
    static List<Object> openCard(CardReads.CustomerCard card, BigDecimal balance,
                                 Map<String, Optional<Document>> documents) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CardOpen(card.customerId(), card.account(), balance));
        documents.values().stream().flatMap(Optional::stream).sorted(Comparator.comparing(Document::id))
                .forEach(doc -> facts.addAll(stored(doc)));
        return facts;
    }

    /** The open card's lines the rules answered, in the order they first appeared in the ledger. */
    static List<CardLine> openLines(Optional<CardOpenLines> answer) {
        List<CardOpenLine> lines = new ArrayList<>(answer.map(CardOpenLines::lines).orElse(List.of()));
        lines.sort(Comparator.comparingLong(CardOpenLine::firstEntry));
        return lines.stream().map(l -> new CardLine(l.document(), l.line(), l.product(), l.date(), l.quantity(),
                l.open(), l.note())).toList();
    }
}

package org.loyaltyengine.card.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;

/** The reads and checks the customer card's commands and reports share, each through a {@link StoreView}. */
final class CardReads {
    private CardReads() {
    }

    /**
     * A customer's card as one read found it: the account it is kept in, enrolment, and the account's
     * entries in the order booked, as the rules see them (they total them; nothing here does).
     */
    record CustomerCard(String customerId, AccountKey account, boolean enrolled, List<LedgerEntry> entries) {
        CustomerCard {
            entries = List.copyOf(entries);
        }
    }

    /** Reads the customer's enrolment and card ledger, each once. */
    static CustomerCard card(StoreView view, String customerId, CardSettings settings) {
        return card(view, customerId, settings, enrolled(view, customerId));
    }

    /** Reads the card ledger of a customer whose enrolment was read already. */
    static CustomerCard card(StoreView view, String customerId, CardSettings settings, boolean enrolled) {
        AccountKey account = CustomerCards.accountOf(customerId, settings.currency());
        return new CustomerCard(customerId, account, enrolled, view.entries(account));
    }

    /**
     * Whether anything of the customer is kept in the practice's currency already: entries on the card,
     * the sale named ({@code saleStored}), or any other sale on record; so the currency cannot change any
     * more ({@link CardLocks}). The customer's sales are listed only when neither of the first two says so.
     */
    static boolean keptAlready(StoreView view, CustomerCard card, boolean saleStored) {
        return !card.entries().isEmpty() || saleStored
                || !view.documents(CardDocuments.SALE, card.customerId()).isEmpty();
    }

    static boolean enrolled(StoreView view, String customerId) {
        return CardDocuments.isEnrolled(view.document(CardDocuments.ENROLMENT, customerId).orElse(null));
    }

    static void requireCustomer(StoreView view, String customerId) {
        if (view.customer(customerId).isEmpty()) {
            throw new NoSuchEntityException("customer", customerId);
        }
    }

    static Document sale(StoreView view, String documentId) {
        return view.document(CardDocuments.SALE, documentId).orElseThrow(() -> new NoSuchEntityException("document",
                documentId));
    }

    /** Refuses {@code subject} (a document, a value) in another currency than the practice's cards. */
    static void requireCurrency(CardSettings settings, String subject, String currency) {
        if (!settings.currency().equals(currency)) {
            throw CurrencyMismatchException.of(subject, currency, "the customer card of this practice",
                    settings.currency(), "bring it in " + settings.currency());
        }
    }

    /** The stored sale, if any, refused if it belongs to another customer than the one named. */
    static Optional<Document> saleOf(StoreView view, String documentId, String customerId) {
        Optional<Document> stored = view.document(CardDocuments.SALE, documentId);
        stored.ifPresent(doc -> {
            if (!doc.owner().equals(customerId)) {
                throw new InvalidValueException("document " + documentId + " belongs to customer " + doc.owner()
                        + ", not " + customerId);
            }
        });
        return stored;
    }

    /**
     * Reads, once each, the sale documents the open card's lines can name: those the entries after the last
     * SETTLE entry not taken back (CC-12) name ({@code known} are ones read already). Which of their lines are on the open card,
     * and with what, is the rules' to find (ledger.drl); this only decides which rows to fetch, and a line
     * that sums to nothing since the settlement costs one read more than it needs.
     */
    static Map<String, Optional<Document>> openDocuments(StoreView view, List<LedgerEntry> entries,
                                                         Map<String, Optional<Document>> known) {
        Map<String, Optional<Document>> documents = new HashMap<>(known);
        long settled = 0;
        for (LedgerEntry e : entries) {
            if (e.kind() == EntryKind.SETTLE && !takenBack(entries, e)) {
                settled = Math.max(settled, e.sequence());
            }
        }
        for (LedgerEntry e : entries) {
            String id = e.document();
            if (e.sequence() > settled && id != null && e.line() != null && !documents.containsKey(id)) {
                documents.put(id, view.document(CardDocuments.SALE, id));
            }
        }
        return documents;
    }

    /** Whether a REVERSE entry of the settlement's document without a line follows it (the read plan's view of CC-12). */
    private static boolean takenBack(List<LedgerEntry> entries, LedgerEntry settlement) {
        for (LedgerEntry e : entries) {
            if (e.kind() == EntryKind.REVERSE && e.line() == null && e.sequence() > settlement.sequence()
                    && java.util.Objects.equals(e.document(), settlement.document())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The settlements booked on a sale and not taken back yet (CC-12), which the unlock or cancellation of
     * the sale marks taken back when the rules take them back.
     */
    static List<Document> settlementsOn(StoreView view, Document sale) {
        return view.documents(CardDocuments.SETTLEMENT, sale.owner()).stream()
                .filter(d -> d.attribute("document").filter(sale.id()::equals).isPresent())
                .filter(d -> d.status().equals(CardDocuments.BOOKED)).toList();
    }
}

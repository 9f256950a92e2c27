package org.loyaltyengine.card.internal;

import java.util.Optional;

import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.InvalidValueException;

/** What a sale sent to lock or settle on must keep of what is stored of it; refused before anything is written. */
final class SaleChecks {
    private SaleChecks() {
    }

    /**
     * A locked sale is final and its lines are on the card already: settling on it must name exactly
     * those lines, or the settlement would pay out the value of lines that were never sold (or never
     * locked). A sale being made, or unlocked to be changed, may still differ from what is stored.
     */
    static void requireAsLocked(Optional<Document> stored, Sale s) {
        if (stored.isEmpty() || !stored.get().status().equals("LOCKED")) {
            return;
        }
        Document doc = stored.get();
        boolean same = doc.currency().equals(s.currency().getCurrencyCode()) && doc.lines().size() == s.lines().size()
                && s.lines().stream().allMatch(l -> doc.line(l.lineId()).filter(d -> d.product().equals(l.product())
                && d.quantity().compareTo(l.quantity()) == 0 && d.amount().compareTo(l.amount().amount()) == 0)
                .isPresent());
        if (!same) {
            throw new InvalidValueException("document " + s.documentId() + " is locked with other lines than the ones "
                    + "to settle on; settle on it as it was locked, or unlock it and lock it with its new lines first");
        }
    }

    /**
     * A line whose value is on a card, settled or not yet reversed by an unlock, keeps what it was when
     * it went on: locking its document again with the line changed or left out would record a sale
     * other than the one the card (or a settlement) paid for. A return is a credit note.
     */
    static void requireCardLinesKept(Optional<Document> stored, Sale s, CardLedger ledger) {
        // A locked document is refused by the rules (DOCUMENT_ALREADY_LOCKED), whatever its lines.
        if (stored.isEmpty() || stored.get().status().equals("LOCKED")) {
            return;
        }
        for (DocumentLine was : stored.get().lines()) {
            if (ledger.of(s.documentId(), was.lineId()).onCard.signum() == 0) {
                continue;
            }
            boolean kept = s.lines().stream().anyMatch(l -> l.lineId().equals(was.lineId())
                    && l.product().equals(was.product()) && l.quantity().compareTo(was.quantity()) == 0
                    && l.amount().amount().compareTo(was.amount()) == 0);
            if (!kept) {
                throw new InvalidValueException("line " + was.lineId() + " of document " + s.documentId()
                        + " went on the card as " + was.quantity().toPlainString() + " x " + was.product() + " for "
                        + was.amount().toPlainString() + " and was settled or is still on the card; keep that "
                        + "line unchanged on the document and book a change as a credit note");
            }
        }
    }
}

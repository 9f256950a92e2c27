package org.loyaltyengine.card;

import java.math.BigDecimal;
import java.util.List;

import org.loyaltyengine.spi.Outcome;

/**
 * What settling a card on a document would do (SPEC CC-6): the open card lines, the document's own
 * eligible lines that join them, and the amount the negative free booking will deduct. Decided by
 * the same rules as the commit (a dry run), so committing gives the same amount.
 *
 * @param amount   the amount to deduct, or null when the settlement would be refused
 * @param decision the dry-run outcome (rejection reasons, notices such as CARD_NOT_FULL)
 */
public record SettlementPreview(String customerId, String documentId, List<CardLine> openLines,
                                List<CardLine> ownLines, BigDecimal amount, Outcome decision) {
    public SettlementPreview {
        openLines = List.copyOf(openLines);
        ownLines = List.copyOf(ownLines);
    }
}

package org.loyaltyengine.card.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.RuleRefusals;
import org.loyaltyengine.rules.facts.CardSaleCheck;
import org.loyaltyengine.spi.Document;

/**
 * Asks the rules whether a sale sent to lock or settle on may replace what is stored of it (sales.drl),
 * while the command reads its context: a refusal is an {@code InvalidValueException} thrown before
 * anything is written, so nothing is kept under the request's key.
 */
final class SaleChecks {
    private SaleChecks() {
    }

    /**
     * Refuses the sale if the rules in force on {@code date} do. A sale not on record yet has nothing stored
     * to keep, so the rules are not asked.
     *
     * @param card the card of the sale's customer, as the same read found it
     */
    static void require(CardSettingsInForce settingsInForce, LocalDate date, Optional<Document> stored, Sale sale,
                        CardReads.CustomerCard card, boolean settling) {
        if (stored.isEmpty()) {
            return;
        }
        Document doc = stored.get();
        List<Object> facts = new ArrayList<>();
        facts.add(new CardSaleCheck(sale.documentId(), sale.customerId(), settling, sale.currency().getCurrencyCode(),
                doc.currency()));
        facts.addAll(CardFacts.stored(doc));
        facts.addAll(CardFacts.saleLines(sale));
        facts.addAll(CardFacts.entries(card));
        RuleRefusals.refuseIfRejected(settingsInForce.rules().inForce(CustomerCards.PROGRAM, date), facts);
    }
}

package org.loyaltyengine.card;

import java.util.List;
import java.util.Optional;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Limits;

/**
 * One page of the practice's card overview or full cards ({@link CustomerCards#overview(org.loyaltyengine.spi.TenantId,
 * java.time.LocalDate, String, int)}), so that a host walks a whole customer base with a bounded heap.
 *
 * @param cards the page's cards, by customer id in the store's page order
 * @param next  what to pass as {@code after} for the next page; null when no customer is left
 */
public record CardPage(List<CardStatus> cards, String next) {
    public CardPage {
        cards = Checks.list(cards, "cards of the page");
        Checks.optionalIdentifier(next, "next page's cursor", Limits.IDENTIFIER);
    }

    public Optional<String> nextAfter() {
        return Optional.ofNullable(next);
    }
}

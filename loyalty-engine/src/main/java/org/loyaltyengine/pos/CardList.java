package org.loyaltyengine.pos;

import java.math.BigDecimal;
import java.util.List;

import org.loyaltyengine.spi.Card;

/**
 * One page of the card list (the POS's KARTY screen, SPEC PC-9): the cards that match the search, ordered by
 * number, each with its credit; {@code total} is how many match in all, so a host can page on.
 *
 * @param cards  the cards of this page
 * @param offset how many matching cards come before this page
 * @param total  how many cards match the search, on every page
 */
public record CardList(List<Row> cards, int offset, int total) {
    public CardList {
        cards = List.copyOf(cards);
    }

    /**
     * A card with its credit, what is held on open receipts, and what is available; {@code expired} says a
     * voucher is past its validity today (SPEC PC-12), its credit then the value it still holds.
     */
    public record Row(Card card, BigDecimal credit, BigDecimal held, boolean expired) {
        /** A row of a card that is not expired. */
        public Row(Card card, BigDecimal credit, BigDecimal held) {
            this(card, credit, held, false);
        }

        public BigDecimal available() {
            return credit.subtract(held);
        }
    }

    /** Whether matching cards follow this page. */
    public boolean hasMore() {
        return offset + cards.size() < total;
    }
}

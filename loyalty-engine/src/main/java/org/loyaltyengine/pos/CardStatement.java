package org.loyaltyengine.pos;

import java.math.BigDecimal;
import java.util.List;

import org.loyaltyengine.spi.Card;

/** A card with its credit, what is held on open receipts, what is available, and every movement. */
public record CardStatement(Card card, BigDecimal credit, BigDecimal held, List<CardMovement> movements) {
    public CardStatement {
        movements = List.copyOf(movements);
    }

    public BigDecimal available() {
        return credit.subtract(held);
    }
}

package org.loyaltyengine.pos;

import java.math.BigDecimal;
import java.util.List;

import org.loyaltyengine.spi.Card;

/**
 * A card with its credit, what is held on open receipts, what is available, and every movement.
 * {@code expired} says a voucher is past its validity today (SPEC PC-12): its credit is then the value it still
 * holds and can no longer be drawn; nothing of it is taken away by the expiry.
 */
public record CardStatement(Card card, BigDecimal credit, BigDecimal held, List<CardMovement> movements,
                            boolean expired) {
    public CardStatement {
        movements = List.copyOf(movements);
    }

    /** A statement of a card that is not expired. */
    public CardStatement(Card card, BigDecimal credit, BigDecimal held, List<CardMovement> movements) {
        this(card, credit, held, movements, false);
    }

    public BigDecimal available() {
        return credit.subtract(held);
    }
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * A POS card as the rules see it: its definition and its credit account's figures (credit = the
 * sum of its movements, held = pending reservations, available = credit - held).
 */
public record PosCard(String number, BigDecimal discountPercent, boolean creditDrawing, boolean loadOntoCard,
                      String currency, AccountKey account, BigDecimal credit, BigDecimal held) {
    public BigDecimal available() {
        return credit.subtract(held);
    }
}

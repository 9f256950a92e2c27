package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.Checks;

/**
 * Result of counting an open card (SPEC CC-1, CC-9), decided by the counting rule: the outgoing units,
 * the purchases and the visits since the last settlement, as a card's status shows them and its
 * thresholds compare them.
 */
public record CardFigures(String customer, BigDecimal units, int purchases, int visits) {
    public CardFigures {
        Checks.text(customer, "customer");
        Checks.decimal(units, "units");
    }
}

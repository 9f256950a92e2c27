package org.loyaltyengine.rules.facts;

import java.util.List;

import org.loyaltyengine.spi.InvalidValueException;

/**
 * The result of confirming or cancelling a sale: the move the rules allowed and the status the sale has after
 * it. The command saves the sale in that status; the host reads it as {@code outcome.result(CreditSaleMoved.class)}.
 */
public record CreditSaleMoved(String saleId, String transition, String status) {
    public static final List<String> STATUSES = List.of("OPEN", "CONFIRMED", "CANCELLED");

    public CreditSaleMoved {
        if (!CreditSaleTransition.TRANSITIONS.contains(transition)) {
            throw new InvalidValueException("a sale transition is one of " + CreditSaleTransition.TRANSITIONS
                    + ", was '" + transition + "'");
        }
        if (!STATUSES.contains(status)) {
            throw new InvalidValueException("a sale status is one of " + STATUSES + ", was '" + status + "'");
        }
    }
}

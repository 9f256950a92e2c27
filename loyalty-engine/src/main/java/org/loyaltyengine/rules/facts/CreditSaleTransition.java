package org.loyaltyengine.rules.facts;

import java.util.List;

import org.loyaltyengine.spi.InvalidValueException;

/** The move a command attempts on a stored sale: {@code CONFIRM} or {@code CANCEL}. */
public record CreditSaleTransition(String saleId, String transition) {
    public static final List<String> TRANSITIONS = List.of("CONFIRM", "CANCEL");

    public CreditSaleTransition {
        if (!TRANSITIONS.contains(transition)) {
            throw new InvalidValueException("a sale transition is one of " + TRANSITIONS + ", was '" + transition + "'");
        }
    }
}

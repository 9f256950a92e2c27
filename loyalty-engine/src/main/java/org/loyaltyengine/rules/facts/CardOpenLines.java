package org.loyaltyengine.rules.facts;

import java.util.List;

import org.loyaltyengine.spi.Checks;

/**
 * The answer to a {@link CardStatusQuery}: the lines of the customer's open card as the rules count them,
 * which a card's status and a settlement preview show. Decided only for a status read, never in a
 * command's outcome (its lines are facts, not values an outcome keeps).
 */
public record CardOpenLines(String customer, List<CardOpenLine> lines) {
    public CardOpenLines {
        Checks.text(customer, "customer");
        lines = List.copyOf(Checks.notNull(lines, "lines"));
    }
}

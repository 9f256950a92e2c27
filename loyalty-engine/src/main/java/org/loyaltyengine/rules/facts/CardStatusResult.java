package org.loyaltyengine.rules.facts;

import java.util.List;

import org.loyaltyengine.spi.Checks;

/**
 * Result of reading a card's status (SPEC CC-1), decided by the threshold rules: whether the open card
 * is full and which thresholds of the practice it reached ({@code minAmount}, {@code minPurchases},
 * {@code minUnits}, {@code minVisits}), in name order.
 */
public record CardStatusResult(String customer, boolean full, List<String> thresholdsMet) {
    public CardStatusResult {
        Checks.text(customer, "customer");
        Checks.notNull(thresholdsMet, "thresholds met");
        thresholdsMet.forEach(t -> Checks.text(t, "threshold"));
        thresholdsMet = thresholdsMet.stream().distinct().sorted().toList();
    }
}

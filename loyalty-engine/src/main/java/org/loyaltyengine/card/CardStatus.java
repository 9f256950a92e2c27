package org.loyaltyengine.card;

import java.math.BigDecimal;
import java.util.List;

/**
 * A customer's open card (SPEC CC-1, CC-9): accrued amount, outgoing units, eligible purchases,
 * visits (distinct days), which of the practice's thresholds are met, and whether the card is full
 * (any set threshold met; never with none set). Settled lines are not on it; see the history.
 *
 * @param thresholdsMet the names of the met thresholds: {@code minUnits}, {@code minPurchases},
 *                      {@code minVisits}, {@code minAmount}
 */
public record CardStatus(String customerId, boolean enrolled, String currency, BigDecimal amount, BigDecimal units,
                         int purchases, int visits, List<String> thresholdsMet, boolean full, List<CardLine> lines) {
    public CardStatus {
        thresholdsMet = List.copyOf(thresholdsMet);
        lines = List.copyOf(lines);
    }

    /** The message the practice shows in the customer's breadcrumb when the card is full, else null. */
    public String notice() {
        return full ? "customer card full" : null;
    }
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.util.List;

/**
 * The customer-card settings of a practice as the rules see them: the default percentage and the
 * thresholds that make a card full, each null when the practice left it unset.
 *
 * @param defaultPercent the default percentage as last configured (or the rule set's default when never
 *                       configured); a sale's line earns the one in force on its date ({@code defaultPeriods})
 * @param defaultPeriods every period of the default percentage the practice configured (CC-10), in no
 *                       particular order; empty when it never configured one with a date
 */
public record CardSettings(BigDecimal defaultPercent, BigDecimal minUnits, Integer minPurchases, Integer minVisits,
                           BigDecimal minAmount, boolean autoEnrol, String currency,
                           List<CardDefaultPeriod> defaultPeriods) {
    public CardSettings {
        defaultPeriods = defaultPeriods == null ? List.of() : List.copyOf(defaultPeriods);
    }
}

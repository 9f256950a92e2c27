package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * The customer-card settings of a practice as the rules see them: the default percentage and the
 * thresholds that make a card full, each null when the practice left it unset.
 */
public record CardSettings(BigDecimal defaultPercent, BigDecimal minUnits, Integer minPurchases, Integer minVisits,
                           BigDecimal minAmount, boolean autoEnrol, String currency) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * The open card of a customer: accrued amount, outgoing units, eligible purchases (lines) and visits
 * (distinct days with an eligible purchase) since the last settlement.
 */
public record CcCard(String customer, AccountKey account, BigDecimal amount, BigDecimal units, int purchases,
                     int visits) {
}

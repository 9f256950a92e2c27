package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * The open card of a customer as the rules count it (inserted by the counting rule, from
 * {@link CardOpen} and its {@link CardPurchase}s): accrued amount, outgoing units, purchases and visits
 * since the last settlement.
 */
public record CardCount(String customer, AccountKey account, BigDecimal amount, BigDecimal units, int purchases,
                        int visits) {
}

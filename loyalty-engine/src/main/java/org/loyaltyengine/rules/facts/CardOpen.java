package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * A customer's open card as the ledger has it: the account and what is on it since the last settlement.
 * Its lines are {@link CardOpenLine}s; what they count for is the rules' to decide ({@link CardCount}).
 */
public record CardOpen(String customer, AccountKey account, BigDecimal amount) {
}

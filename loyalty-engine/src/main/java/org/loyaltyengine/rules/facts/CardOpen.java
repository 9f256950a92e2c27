package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * A customer's open card, inserted when it is counted (a settlement, a status read): the account and its
 * balance, which is what is on it since the last settlement (a settlement brings the account back to
 * zero). Its lines are the rules' to find in the ledger ({@link CardOpenLine}); what they count for too
 * ({@link CardCount}).
 */
public record CardOpen(String customer, AccountKey account, BigDecimal amount) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * What a customer owes in credits of a type (SPEC CR-5): work consumed beyond the lots where the policy lets the
 * balance go negative, kept on the customer's overdraft account of the type until a lot settles it.
 *
 * @param owed never negative: the overdraft account's balance, negated
 */
public record CreditOverdraft(String customerId, String type, AccountKey account, BigDecimal owed) {
}

package org.loyaltyengine.rules.facts;

import org.loyaltyengine.spi.AccountKey;

/** A customer as the customer-card rules see it: whether it takes part, and its card account. */
public record CardCustomer(String id, boolean enrolled, AccountKey account) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * What a lot settled of a customer's debt in a type (SPEC CR-5) and still has settled: a credit note that gives
 * overdrawn work back beyond what is still owed gives that part back to the lots that settled it, the lot settled
 * last first ({@code settledAfter}: what the lots settled after this one have settled), so the credits return to
 * a lot and their revenue is no longer recognised (SPEC CR-8, X-13).
 *
 * @param overdraft    the customer's overdraft account of the type
 * @param overdraftBalance that account's balance before the credit note
 * @param returned     what the credit note gives back to that account
 */
public record CreditSettled(String customerId, String type, String lot, AccountKey account, AccountKey overdraft,
                            BigDecimal overdraftBalance, BigDecimal returned, BigDecimal settled,
                            BigDecimal settledAfter) {
}

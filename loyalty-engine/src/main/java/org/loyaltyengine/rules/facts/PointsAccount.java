package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * A customer's points account as read: the rules total its entries ({@link PointsEntry}) into the
 * {@link PointsCustomer} the decisions see, or for the year-end run a {@link PointsExpiryCandidate}.
 *
 * @param optedOut the customer takes no part in the savings plan ("Geen spaarpunten")
 */
public record PointsAccount(String customerId, AccountKey account, BigDecimal balance,
                            boolean optedOut) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * A customer as the year-end expiry sees it, totalled by the rules from the {@link PointsAccount} and its
 * {@link PointsEntry} facts (ledger.drl): points earned in the closing year, the balance at that year's
 * end and now, and whether this year's expiry already ran for the customer.
 *
 * @param alreadyExpired       an expiry entry of this year's run is on the account
 * @param creditedAfterYearEnd points credited (positive earned entries) dated after the year's end, when the
 *                             run comes late; they were not held at the year's end, so they cannot expire
 */
public record PointsExpiryCandidate(String customerId, AccountKey account, BigDecimal earnedInYear, BigDecimal yearEndBalance, BigDecimal balance, BigDecimal creditedAfterYearEnd, boolean alreadyExpired) {
}

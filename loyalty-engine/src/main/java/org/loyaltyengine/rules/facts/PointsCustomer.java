package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * A customer's points account as the decisions see it, totalled by the rules from the {@link PointsAccount}
 * and its {@link PointsEntry} facts (ledger.drl); the availability rules derive {@link PointsSpendable} from
 * it. "Earned" is what the rules count as {@link PointsEarned}: earning on bookings, its adjustments and
 * reversals, and manual entries.
 *
 * @param balance           the sum of every entry (negative only when the payment cap is empty)
 * @param earnedThisYear    net points earned with a business date in the command's year
 * @param creditedBefore    points ever credited (positive earned entries) before the command's year
 * @param creditedThisYear  points credited (positive earned entries) in the command's year
 * @param optedOut          the customer takes no part in the savings plan ("Geen spaarpunten")
 */
public record PointsCustomer(String id, AccountKey account, BigDecimal balance, BigDecimal earnedThisYear,
                             BigDecimal creditedBefore, BigDecimal creditedThisYear, boolean optedOut) {
}

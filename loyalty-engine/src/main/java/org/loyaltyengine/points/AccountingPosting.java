package org.loyaltyengine.points;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.loyaltyengine.spi.Money;

/**
 * One balanced bookkeeping posting (SPEC SP-18): {@code value} is debited on {@code debitAccount} and
 * credited on {@code creditAccount}. Derived from a points ledger entry (its {@code sequence}) at the point
 * value in force on its date, or, with {@code entry} REVALUE and sequence 0, the revaluation of a
 * customer's unspent points when the point value changed. A points payment at a rate of its own (SPEC SP-21) is
 * posted at that rate against the receivable, with {@code entry} RATE_DIFFERENCE (same sequence) for the
 * points' value at the point value beyond or short of it, against the expense account. Points such a booking
 * gives back (SPEC X-13) come back at the booking's own rate: the receivable is debited the value given
 * back ({@code pointValue} that value per point, to six decimals), and the rest of the points' value at the point
 * value is a RATE_DIFFERENCE against the expense account, so a booking paid so and cancelled nets to zero on both.
 */
public record AccountingPosting(long sequence, LocalDate date, String customerId, String document, String entry,
                                String debitAccount, String creditAccount, BigDecimal points, BigDecimal pointValue,
                                Money value) {
}

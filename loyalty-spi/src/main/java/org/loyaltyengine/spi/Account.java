package org.loyaltyengine.spi;

import java.math.BigDecimal;

/**
 * The state of an account as the store holds it: the posted balance (the sum of its ledger), the
 * amount held by pending holds, and the floor the available balance may not go below.
 *
 * @param floor the lowest allowed available balance, or {@code null} for an account that may go
 *              negative without limit (savings points with no payment cap)
 */
public record Account(AccountKey key, BigDecimal floor, BigDecimal balance, BigDecimal held) {
    public Account {
        Checks.notNull(key, "account key");
        // Named with the key only on a failure: an account is made on every read and write of one.
        Checks.optionalDecimal(floor, "floor of", key);
        Checks.decimal(balance, "balance of", key);
        Checks.nonNegative(held, "held amount of", key);
    }

    /** What can still be drawn: the balance less what pending holds reserve. */
    public BigDecimal available() {
        return balance.subtract(held);
    }

    public boolean hasFloor() {
        return floor != null;
    }

    /** Whether taking {@code amount} more from the available balance keeps it at or above the floor. */
    public boolean allows(BigDecimal amount) {
        return floor == null || available().subtract(amount).compareTo(floor) >= 0;
    }
}

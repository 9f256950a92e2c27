package org.loyaltyengine.spi;

import java.math.BigDecimal;

/**
 * The store refused a change that would take an account's available balance below its floor.
 *
 * <p>This is the store's own guard, the last line behind the rules: the engine turns it into a
 * rejected outcome and rolls the whole command back.
 */
public class FloorViolationException extends LoyaltyException {
    private static final long serialVersionUID = 1L;
    private final transient AccountKey account;
    private final BigDecimal available;
    private final BigDecimal requested;

    public FloorViolationException(AccountKey account, BigDecimal available, BigDecimal requested) {
        super("FLOOR_VIOLATED", "account " + account + " has " + available + " available, "
                + requested + " requested: the change would go below the account's floor");
        this.account = account;
        this.available = available;
        this.requested = requested;
    }

    public AccountKey account() {
        return account;
    }

    public BigDecimal available() {
        return available;
    }

    public BigDecimal requested() {
        return requested;
    }
}

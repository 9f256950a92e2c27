package org.loyaltyengine.spi;

/** A ledger entry or hold names an account that was never opened. */
public class NoSuchAccountException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    public NoSuchAccountException(AccountKey key) {
        super("NO_SUCH_ACCOUNT", "account " + key + " does not exist; open it first");
    }
}

package org.loyaltyengine.spi;

/**
 * A store was used against its contract: a transaction opened inside another on the same thread, or a
 * repository used after the transaction that handed it out ended. A programming error in the caller,
 * never a database failure; retrying does not help.
 */
public class IllegalStoreUseException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    public IllegalStoreUseException(String message) {
        super("ILLEGAL_STORE_USE", message);
    }
}

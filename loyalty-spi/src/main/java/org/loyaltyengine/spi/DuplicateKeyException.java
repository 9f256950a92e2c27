package org.loyaltyengine.spi;

/** A unique key (idempotency key, card number, customer number, hold id) is already taken in this tenant. */
public class DuplicateKeyException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    public DuplicateKeyException(String what, String key) {
        super("DUPLICATE_KEY", what + " '" + key + "' already exists");
    }
}

package org.loyaltyengine;

import org.loyaltyengine.spi.LoyaltyException;

/** An idempotency key was reused for a different command or payload; pick a new key for a new command. */
public class IdempotencyConflictException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    public IdempotencyConflictException(String key) {
        super("IDEMPOTENCY_CONFLICT", "idempotency key '" + key
                + "' was already used for a different command; use a new key for a new command");
    }
}

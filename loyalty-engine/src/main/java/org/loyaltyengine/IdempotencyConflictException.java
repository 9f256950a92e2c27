package org.loyaltyengine;

import org.loyaltyengine.spi.LoyaltyException;

/** An idempotency key was reused for a different command or payload; pick a new key for a new command. */
public class IdempotencyConflictException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    public IdempotencyConflictException(String key) {
        super("IDEMPOTENCY_CONFLICT", "idempotency key '" + key
                + "' was already used for a different command; use a new key for a new command");
    }

    /** The key was already used by {@code whom} (e.g. "another user"); the first outcome is not theirs to see. */
    public IdempotencyConflictException(String key, String whom) {
        super("IDEMPOTENCY_CONFLICT", "idempotency key '" + key + "' was already used by " + whom
                + "; use a new key for a new command");
    }
}

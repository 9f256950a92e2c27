package org.loyaltyengine.spi;

/**
 * The host's name for one intended change. Submitting the same key again returns the first outcome
 * and changes nothing; the same key with a different payload is an error.
 */
public record IdempotencyKey(String value) {
    public IdempotencyKey {
        Checks.identifier(value, "idempotency key", Limits.IDEMPOTENCY_KEY);
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

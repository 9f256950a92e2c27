package org.loyaltyengine.spi;

/**
 * The host's name for one intended change. Submitting the same key again returns the first outcome
 * and changes nothing; the same key with a different payload is an error.
 */
public record IdempotencyKey(String value) {
    public IdempotencyKey {
        Checks.text(value, "idempotency key");
        if (value.length() > 200) {
            throw new InvalidValueException("idempotency key is longer than 200 characters");
        }
    }

    public static IdempotencyKey of(String value) {
        return new IdempotencyKey(value);
    }

    @Override
    public String toString() {
        return value;
    }
}

package org.loyaltyengine.spi;

/**
 * An outcome kept under its idempotency key, with a fingerprint of the command that produced it so
 * that a second submission with the same key but another payload can be told apart from a repeat.
 */
public record StoredOutcome(IdempotencyKey key, String fingerprint, Outcome outcome) {
    public StoredOutcome {
        Checks.notNull(key, "idempotency key");
        Checks.identifier(fingerprint, "fingerprint", Limits.FINGERPRINT);
        Checks.notNull(outcome, "outcome");
    }
}

package org.loyaltyengine.spi;

/**
 * The one root of every error the library throws for programmer and infrastructure faults.
 *
 * <p>Business decisions (not enough credit, a threshold not reached) are not exceptions: they come
 * back as a rejected {@link Outcome} with a reason code. An exception means the call itself was
 * wrong (bad input, unknown card, broken rule file) or the store failed. {@link #code()} is stable
 * across releases so hosts can map it to their own messages.
 */
public abstract class LoyaltyException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    protected LoyaltyException(String code, String message) {
        super(message);
        this.code = Checks.text(code, "code");
    }

    protected LoyaltyException(String code, String message, Throwable cause) {
        super(message, cause);
        this.code = Checks.text(code, "code");
    }

    /** A stable, upper-case error code such as {@code INVALID_VALUE} or {@code NO_SUCH_CARD}. */
    public String code() {
        return code;
    }
}

package org.loyaltyengine.spi;

/**
 * The store itself failed: the database could not be reached, kept refusing the transaction after
 * the store's retries, or held a row the store cannot read.
 *
 * <p>This is never a business decision; a host should show it as "try again", not as "not enough
 * credit". When {@link #code()} is {@code COMMIT_OUTCOME_UNKNOWN} the connection was lost during the
 * commit, so the change may or may not have been applied: submit the same command again with the same
 * idempotency key, which returns the stored outcome if the first attempt did commit and applies the
 * command once if it did not.
 */
public class StoreException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    protected StoreException(String code, String message, Throwable cause) {
        super(code, message, cause);
    }

    /** The transaction was rolled back; nothing of it was applied. */
    public static StoreException failed(String message, Throwable cause) {
        return new StoreException("STORE_FAILED", message, cause);
    }

    /** The commit may or may not have happened; replay with the same idempotency key. */
    public static StoreException commitOutcomeUnknown(String message, Throwable cause) {
        return new StoreException("COMMIT_OUTCOME_UNKNOWN", message, cause);
    }

    /**
     * The database's tables are older than the store: a column or table the store uses is missing. Nothing
     * was applied, and trying again will not help until the schema is brought up to date (the JPA adapter's
     * scripts add what is missing when run again).
     */
    public static StoreException schemaOutdated(String message, Throwable cause) {
        return new StoreException("SCHEMA_OUTDATED", message, cause);
    }

    /** Whether the change may have been applied although the call failed. */
    public boolean outcomeUnknown() {
        return "COMMIT_OUTCOME_UNKNOWN".equals(code());
    }
}

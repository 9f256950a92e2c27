package org.loyaltyengine;

import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.InvalidValueException;

/**
 * How a job over a whole customer base runs in batch mode: in chunks of {@code chunkSize} accounts, each
 * chunk one command with its own idempotency key ({@code <job key>/chunk-<n>}) and its own transaction, so the
 * heap and each transaction stay the size of one chunk, and a job interrupted half-way and run again with the
 * same key finishes exactly once.
 *
 * @param chunkSize how many accounts one chunk takes, from 1 to {@value Accounts#MAX_PAGE}
 * @param dryRun    every chunk decided in full and nothing written (as is a job whose context is a dry run)
 * @param progress  told after each chunk, applied or replayed; {@link BatchProgress#NONE} for nobody
 */
public record Batch(int chunkSize, boolean dryRun, BatchProgress progress) {
    /** A chunk size that keeps a chunk's transaction short on a database and its facts small in memory. */
    public static final int DEFAULT_CHUNK_SIZE = 500;

    public Batch {
        if (chunkSize < 1 || chunkSize > Accounts.MAX_PAGE) {
            throw new InvalidValueException("a batch chunk takes from 1 to " + Accounts.MAX_PAGE + " accounts, was "
                    + chunkSize);
        }
        if (progress == null) {
            throw new InvalidValueException("a batch's progress listener must not be null; use BatchProgress.NONE");
        }
    }

    /** Chunks of {@code chunkSize} accounts, written, nobody told. */
    public static Batch of(int chunkSize) {
        return new Batch(chunkSize, false, BatchProgress.NONE);
    }

    public Batch asDryRun() {
        return new Batch(chunkSize, true, progress);
    }

    public Batch reportingTo(BatchProgress listener) {
        return new Batch(chunkSize, dryRun, listener);
    }
}

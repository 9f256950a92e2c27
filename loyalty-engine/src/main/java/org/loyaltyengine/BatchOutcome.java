package org.loyaltyengine;

import java.util.Optional;

import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.Outcome;

/**
 * What a batch job ({@link Batch}) did, in figures: the chunks' own outcomes went to its {@link BatchProgress} one
 * by one, so that a job over a million accounts never holds them all.
 *
 * @param job            the job's idempotency key
 * @param dryRun         whether nothing was written
 * @param finished       whether every account was taken by an applied chunk; false when a chunk was rejected
 * @param chunks         how many chunks ran or were replayed, the rejected one among them
 * @param replayedChunks how many of those an earlier run of the job had applied
 * @param accounts       how many accounts the applied chunks took
 * @param entries        how many ledger entries the applied chunks wrote (or, in a dry run, would write)
 * @param rejected       the rejected chunk's outcome, which stopped the job; null when none was
 */
public record BatchOutcome(IdempotencyKey job, boolean dryRun, boolean finished, int chunks, int replayedChunks,
                           long accounts, long entries, Outcome rejected) {
    public Optional<Outcome> rejection() {
        return Optional.ofNullable(rejected);
    }
}

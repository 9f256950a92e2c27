package org.loyaltyengine;

import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.Outcome;

/**
 * One chunk of a batch job, as its {@link BatchProgress} hears of it.
 *
 * @param number        1 for the first chunk
 * @param key           the chunk's idempotency key, {@code <job key>/chunk-<number>}
 * @param outcome       the chunk command's outcome: its entries are what the chunk changed
 * @param replayed      whether the chunk was applied by an earlier run of the job, and this is its stored outcome
 * @param accountsSoFar how many accounts the job's chunks took up to and with this one
 */
public record BatchChunk(int number, IdempotencyKey key, Outcome outcome, boolean replayed, long accountsSoFar) {
}

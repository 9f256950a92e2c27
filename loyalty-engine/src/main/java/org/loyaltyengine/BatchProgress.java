package org.loyaltyengine;

/**
 * Told after each chunk of a batch job ({@link Batch}), on the thread that runs the job, once the chunk's
 * transaction has ended. What it throws stops the job after that chunk: the chunks applied stay applied, and the
 * job run again with the same key goes on from there.
 */
@FunctionalInterface
public interface BatchProgress {
    BatchProgress NONE = chunk -> { };

    void chunkDone(BatchChunk chunk);
}

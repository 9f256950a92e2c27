package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchChunk;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoreException;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.points.FailingChunkStore;

/**
 * What every batch job's contract checks of its job whatever the job decides (SPEC SP-25, X-4): in chunks of any
 * size it finishes in as many chunks as the size makes; a job failing at its second chunk (before the commit, or
 * after it with the commit's outcome unknown) and run again with the same key replays the chunks applied and runs
 * the rest, and once more replays them all; the same key with another chunk size, or a key too long to name its
 * chunks, is refused and changes nothing; a dry run, asked by the batch or by the context, decides every chunk
 * and changes nothing. The contract builds its tenants, says what its job decided, and asserts that too.
 *
 * @param <F> a tenant of the contract's own, built with what the job decides on
 */
public final class BatchJobScenarios<F> {
    /**
     * The two interruptions a batch job's contract runs its job through, each a test of its own: a failure at the
     * second chunk before its commit, and one after it with the commit's outcome unknown.
     */
    @Tag("SP-25")
    @Tag("X-4")
    public interface Interruptions {
        /**
         * Fails the job at its second chunk ({@link #failsAtTheSecondChunk}), runs it again with the same key
         * ({@link #runAgain}) and once more ({@link #runOnceMore}), asserting what the job decided each time.
         */
        void interruptedAndRunAgain(boolean afterCommit);

        @Test
        default void aJobFailingBeforeAChunksCommit_runAgainWithTheSameKey_finishesExactlyOnce() {
            interruptedAndRunAgain(false);
        }

        @Test
        default void aJobFailingAfterAChunksCommit_runAgainWithTheSameKey_finishesExactlyOnce() {
            interruptedAndRunAgain(true);
        }
    }

    /** The job under test, run on a built tenant in a context whose key is the job's. */
    @FunctionalInterface
    public interface Job<F> {
        BatchOutcome run(F built, CommandContext job, Batch batch);
    }

    /** What a contract asserts of a job run in chunks of {@code size} on a tenant built for it. */
    @FunctionalInterface
    public interface ChunkCheck<F> {
        void check(int size, F built, Run run);
    }

    /** A run of the job, and every chunk its progress heard of, in turn. */
    public record Run(BatchOutcome outcome, List<BatchChunk> heard) {
        public Run {
            heard = List.copyOf(heard);
        }
    }

    /** One failing store around each store under test, so that each contract's engine on it is built once. */
    private static final Map<LoyaltyStore, FailingChunkStore> FAILING = new ConcurrentHashMap<>();

    private final Supplier<LoyaltyStore> newStore;
    private final Function<LoyaltyStore, F> build;
    private final Function<F, TenantId> tenant;
    private final BiFunction<F, String, CommandContext> context;
    private final Job<F> job;
    private final Function<F, Object> state;

    /**
     * @param newStore the store under test
     * @param build    a new tenant of its own on a store, with its data built
     * @param tenant   the built tenant's id
     * @param context  the context the job runs in under a key
     * @param job      the job under test
     * @param state    what a refused job or a dry run must leave as it was
     */
    public BatchJobScenarios(Supplier<LoyaltyStore> newStore, Function<LoyaltyStore, F> build,
                             Function<F, TenantId> tenant, BiFunction<F, String, CommandContext> context, Job<F> job,
                             Function<F, Object> state) {
        this.newStore = newStore;
        this.build = build;
        this.tenant = tenant;
        this.context = context;
        this.job = job;
        this.state = state;
    }

    /** The job run on {@code built} under {@code key}, in chunks as {@code batch} says, with what its progress hears. */
    public Run run(F built, String key, Batch batch) {
        return run(built, context.apply(built, key), batch);
    }

    /** The job run in {@code ctx}, in chunks as {@code batch} says, with what its progress hears. */
    public Run run(F built, CommandContext ctx, Batch batch) {
        List<BatchChunk> heard = new ArrayList<>();
        BatchOutcome outcome = job.run(built, ctx, batch.reportingTo(heard::add));
        return new Run(outcome, heard);
    }

    /**
     * The job run under {@code key} in chunks of each size, each on a tenant built afresh, finished in as many chunks
     * as the size makes of {@code items}; then the contract's own check.
     */
    public void inChunksOf(List<Integer> sizes, int items, String key, ChunkCheck<F> check) {
        for (int size : sizes) {
            F batched = build.apply(newStore.get());
            Run run = run(batched, key, Batch.of(size));
            BatchOutcome done = run.outcome();
            assertTrue(done.finished(), () -> "chunk size " + size + ": " + done);
            assertEquals((items + size - 1) / size, done.chunks(), "chunk size " + size);
            check.check(size, batched, run);
        }
    }

    /** A tenant built on the store under test through a store that fails once {@link #failsAtTheSecondChunk armed}. */
    public record OnAFailingStore<F>(F built, FailingChunkStore store) {
    }

    /** A tenant of its own built through the failing store around the store under test. */
    public OnAFailingStore<F> onAFailingStore() {
        FailingChunkStore failing = FAILING.computeIfAbsent(newStore.get(), FailingChunkStore::new);
        return new OnAFailingStore<>(build.apply(failing), failing);
    }

    /**
     * The job run on a tenant built {@link #onAFailingStore on a failing store} fails at its second chunk: before
     * the chunk's commit, or after it with the commit's outcome unknown to the caller.
     */
    public void failsAtTheSecondChunk(OnAFailingStore<F> on, boolean afterCommit, String key, int chunkSize) {
        on.store().arm(tenant.apply(on.built()), "/chunk-2", afterCommit);
        StoreException failure = assertThrows(StoreException.class,
                () -> job.run(on.built(), context.apply(on.built(), key), Batch.of(chunkSize)));
        assertEquals(afterCommit, failure.outcomeUnknown(), failure.getMessage());
    }

    /**
     * The job that {@link #failsAtTheSecondChunk failed} run again in {@code ctx}: it finishes in {@code chunks},
     * replaying the one applied before the failure, and the second too if its commit went through.
     */
    public Run runAgain(F built, CommandContext ctx, int chunkSize, int chunks, boolean afterCommit) {
        Run again = run(built, ctx, Batch.of(chunkSize));
        BatchOutcome o = again.outcome();
        assertTrue(o.finished(), o.toString());
        assertEquals(chunks, o.chunks());
        assertEquals(afterCommit ? 2 : 1, o.replayedChunks());
        assertEquals(afterCommit, again.heard().get(1).replayed());
        assertFalse(again.heard().get(again.heard().size() - 1).replayed());
        return again;
    }

    /** The finished job run once more under its key: every chunk answers with its stored outcome. */
    public Run runOnceMore(F built, String key, int chunkSize, int chunks) {
        Run third = run(built, key, Batch.of(chunkSize));
        assertEquals(chunks, third.outcome().replayedChunks());
        return third;
    }

    /**
     * A tenant on which the job under {@code key} failed at its second chunk before the commit, so that it is left
     * half done, and then its key with another chunk size was refused, and so was a key too long to name its
     * chunks, each changing nothing.
     */
    public F refusedHalfDone(String key, int chunkSize, int otherSize) {
        OnAFailingStore<F> failing = onAFailingStore();
        F built = failing.built();
        failsAtTheSecondChunk(failing, false, key, chunkSize);
        Object half = state.apply(built);
        assertThrows(IdempotencyConflictException.class,
                () -> job.run(built, context.apply(built, key), Batch.of(otherSize)));
        assertEquals(half, state.apply(built));
        assertThrows(InvalidValueException.class,
                () -> job.run(built, context.apply(built, "k".repeat(190)), Batch.of(otherSize)));
        assertEquals(half, state.apply(built));
        return built;
    }

    /**
     * The job run under {@code key} as a dry run, asked by the batch and then by the context: each finishes, every
     * chunk's outcome is a dry run's, and nothing changes. The batch's run, for the contract to assert what it
     * decided.
     */
    public Run dryRun(F built, String key, int chunkSize) {
        Object before = state.apply(built);
        Run dry = run(built, key, Batch.of(chunkSize).asDryRun());
        assertTrue(dry.outcome().dryRun() && dry.outcome().finished(), dry.outcome().toString());
        assertTrue(dry.heard().stream().map(BatchChunk::outcome).allMatch(Outcome::dryRun));
        assertEquals(before, state.apply(built));
        assertTrue(job.run(built, context.apply(built, key).asDryRun(), Batch.of(chunkSize)).dryRun());
        assertEquals(before, state.apply(built));
        return dry;
    }
}

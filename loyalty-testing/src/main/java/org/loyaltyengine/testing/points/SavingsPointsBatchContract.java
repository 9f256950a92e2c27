package org.loyaltyengine.testing.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.points.PointsFixtures.applied;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchChunk;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.BatchJobScenarios;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.points.ExpiryBatchScenario.History;

/**
 * The year-end expiry in batch mode (SPEC SP-14, SP-25, X-4): run in chunks it expires exactly what the single
 * run expires, account by account; a job that fails half-way (before a chunk's commit, or after it with the
 * commit's outcome unknown) and is run again with the same key finishes exactly once; a dry run writes nothing.
 * Abstract so that every store runs it: the in-memory store in this module, the JPA adapter on its databases.
 */
@Tag("SP-25")
@Tag("X-4")
public abstract class SavingsPointsBatchContract implements BatchJobScenarios.Interruptions {
    private static final Map<LoyaltyStore, LoyaltyEngine> ENGINES = new ConcurrentHashMap<>();

    private final BatchJobScenarios<PointsFixtures> jobs = new BatchJobScenarios<>(this::newStore,
            store -> built(store, ExpiryBatchScenario.twoOfEach()), f -> f.agency, SavingsPointsBatchContract::job,
            (f, ctx, batch) -> f.points.expireYear(ctx, new ExpireYear(2025), batch), ExpiryBatchScenario::ledger);

    /** The store under test; one shared store (each test uses fresh tenants). */
    protected abstract LoyaltyStore newStore();

    private PointsFixtures agency(LoyaltyStore store) {
        LoyaltyEngine engine = ENGINES.computeIfAbsent(store, s -> LoyaltyEngine.builder().store(s)
                .clock(new MutableClock(Instant.parse("2026-01-10T09:00:00Z"))).build());
        return new PointsFixtures(engine, store);
    }

    private PointsFixtures built(LoyaltyStore store, Map<String, History> customers) {
        PointsFixtures f = agency(store);
        ExpiryBatchScenario.build(f, customers);
        return f;
    }

    private static CommandContext job(PointsFixtures f, String key) {
        return CommandContext.of(f.agency, PointsFixtures.ADMIN, key, f.day);
    }

    @Test
    void batch_inChunksOfAnySize_expiresWhatTheSingleRunExpires() {
        Map<String, History> customers = ExpiryBatchScenario.twoOfEach();
        PointsFixtures single = built(newStore(), customers);
        applied(single.points.expireYear(single.admin(), new ExpireYear(2025)));
        Map<String, String> expected = ExpiryBatchScenario.ledger(single);
        assertEquals(ExpiryBatchScenario.expected(customers), ExpiryBatchScenario.expired2025(single));
        jobs.inChunksOf(List.of(1, 5, customers.size(), 1000), customers.size(), "year-end", (size, batched, run) -> {
            BatchOutcome done = run.outcome();
            assertEquals(customers.size(), done.accounts(), "chunk size " + size);
            assertEquals(0, done.replayedChunks());
            assertEquals(expected, ExpiryBatchScenario.ledger(batched), "chunk size " + size);
        });
    }

    @Test
    void progress_hearsOfEachChunkInTurn_underTheJobsKey() {
        Map<String, History> customers = ExpiryBatchScenario.twoOfEach();
        PointsFixtures f = built(newStore(), customers);
        List<BatchChunk> heard = new ArrayList<>();
        BatchOutcome done = f.points.expireYear(job(f, "ye-2025"), new ExpireYear(2025),
                Batch.of(5).reportingTo(heard::add));
        assertEquals(3, heard.size(), heard.toString());
        long entries = 0;
        for (int i = 0; i < heard.size(); i++) {
            BatchChunk c = heard.get(i);
            assertEquals(i + 1, c.number());
            assertEquals("ye-2025/chunk-" + (i + 1), c.key().value());
            assertEquals("ye-2025/chunk-" + (i + 1), c.outcome().idempotencyKey());
            assertFalse(c.replayed());
            assertEquals(Math.min(5L * (i + 1), customers.size()), c.accountsSoFar());
            entries += c.outcome().entries().size();
        }
        // Three histories of the six expire points, two customers each.
        assertEquals(6, entries);
        assertEquals(6, done.entries());
        Document jobDocument = f.store.inTransaction(f.agency, tx -> tx.documents().find("batch-job", "ye-2025"))
                .orElseThrow();
        assertEquals("DONE", jobDocument.status());
        assertEquals("3", jobDocument.attributes().get("chunks"));
        assertEquals("12", jobDocument.attributes().get("accounts"));
    }

    @Override
    public void interruptedAndRunAgain(boolean afterCommit) {
        Map<String, History> customers = ExpiryBatchScenario.twoOfEach();
        PointsFixtures single = built(newStore(), customers);
        applied(single.points.expireYear(single.admin(), new ExpireYear(2025)));
        Map<String, String> expected = ExpiryBatchScenario.ledger(single);

        BatchJobScenarios.OnAFailingStore<PointsFixtures> failing = jobs.onAFailingStore();
        PointsFixtures f = failing.built();
        jobs.failsAtTheSecondChunk(failing, afterCommit, "nightly", 4);
        assertEquals(afterCommit ? "2" : "1", f.store.inTransaction(f.agency,
                tx -> tx.documents().find("batch-job", "nightly")).orElseThrow().attributes().get("chunks"));

        BatchJobScenarios.Run again = jobs.runAgain(f, job(f, "nightly"), 4, 3, afterCommit);
        assertEquals(customers.size(), again.outcome().accounts());
        assertEquals(List.of(true, afterCommit, false), again.heard().stream().map(BatchChunk::replayed).toList());
        assertEquals(expected, ExpiryBatchScenario.ledger(f));
        assertEquals(ExpiryBatchScenario.expected(customers), ExpiryBatchScenario.expired2025(f));

        // Once more: every chunk answers with its stored outcome and nothing moves.
        BatchOutcome third = jobs.runOnceMore(f, "nightly", 4, 3).outcome();
        assertEquals(again.outcome().entries(), third.entries());
        assertEquals(expected, ExpiryBatchScenario.ledger(f));
    }

    @Test
    void dryRun_decidesEveryChunkAndWritesNothing() {
        Map<String, History> customers = ExpiryBatchScenario.twoOfEach();
        PointsFixtures f = built(newStore(), customers);
        BatchOutcome dry = jobs.dryRun(f, "preview", 5).outcome();
        assertEquals(3, dry.chunks());
        assertEquals(6, dry.entries());
        assertTrue(f.store.inTransaction(f.agency, tx -> tx.documents().find("batch-job", "preview")).isEmpty());
        assertTrue(f.store.inTransaction(f.agency, tx -> tx.outcomes().find(
                org.loyaltyengine.spi.IdempotencyKey.of("preview/chunk-1"))).isEmpty());
        // The same key then runs for real.
        assertEquals(6, f.points.expireYear(job(f, "preview"), new ExpireYear(2025), Batch.of(5)).entries());
        assertEquals(ExpiryBatchScenario.expected(customers), ExpiryBatchScenario.expired2025(f));
    }

    @Test
    void theSameKeyWithAnotherChunkSizeOrYear_isRefusedAndChangesNothing() {
        PointsFixtures f = jobs.refusedHalfDone("job-a", 4, 5);
        Map<String, String> half = ExpiryBatchScenario.ledger(f);
        assertThrows(IdempotencyConflictException.class,
                () -> f.points.expireYear(job(f, "job-a"), new ExpireYear(2024), Batch.of(4)));
        assertEquals(half, ExpiryBatchScenario.ledger(f));
        assertTrue(f.points.expireYear(job(f, "job-a"), new ExpireYear(2025), Batch.of(4)).finished());
    }

    @Test
    void aRejectedChunk_stopsTheJobWithItsOutcome() {
        Map<String, History> customers = ExpiryBatchScenario.twoOfEach();
        PointsFixtures f = built(newStore(), customers);
        f.on("2025-12-30");
        BatchOutcome early = f.points.expireYear(job(f, "early"), new ExpireYear(2025), Batch.of(5));
        assertFalse(early.finished());
        assertEquals(1, early.chunks());
        assertEquals(List.of("YEAR_NOT_ENDED"), early.rejection().orElseThrow().reasonCodes());
        f.on("2026-01-10");
        BatchOutcome clerk = f.points.expireYear(CommandContext.of(f.agency, PointsFixtures.CLERK, "clerk", f.day),
                new ExpireYear(2025), Batch.of(5));
        assertEquals(List.of("PERMISSION_REQUIRED"), clerk.rejection().orElseThrow().reasonCodes());
        f.set("expiryEnabled", "false");
        BatchOutcome off = f.points.expireYear(job(f, "off"), new ExpireYear(2025), Batch.of(5));
        assertEquals(List.of("EXPIRY_NOT_ENABLED"), off.rejection().orElseThrow().reasonCodes());
        for (String job : List.of("early", "clerk", "off")) {
            assertTrue(f.store.inTransaction(f.agency, tx -> tx.documents().find("batch-job", job)).isEmpty(), job);
        }
        assertEquals(Map.of(), withoutZeros(ExpiryBatchScenario.expired2025(f)));
    }

    @Test
    void aProgramWithoutAccounts_finishesInOneEmptyChunk() {
        PointsFixtures f = built(newStore(), Map.of());
        BatchOutcome done = f.points.expireYear(job(f, "empty"), new ExpireYear(2025), Batch.of(5));
        assertTrue(done.finished());
        assertEquals(1, done.chunks());
        assertEquals(0, done.accounts());
    }

    @Test
    @Tag("X-10")
    void aKeyTooLongToNameItsChunks_isRefusedTypedAndChangesNothing() {
        PointsFixtures f = built(newStore(), ExpiryBatchScenario.twoOfEach());
        Map<String, String> before = ExpiryBatchScenario.ledger(f);
        assertThrows(InvalidValueException.class, () -> f.points.expireYear(job(f, "k".repeat(190)),
                new ExpireYear(2025), Batch.of(5)));
        assertThrows(InvalidValueException.class, () -> Batch.of(0));
        assertThrows(InvalidValueException.class, () -> Batch.of(10_001));
        assertThrows(InvalidValueException.class, () -> new Batch(5, false, null));
        assertEquals(before, ExpiryBatchScenario.ledger(f));
    }

    private static Map<String, java.math.BigDecimal> withoutZeros(Map<String, java.math.BigDecimal> m) {
        Map<String, java.math.BigDecimal> out = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (v.signum() != 0) {
                out.put(k, v);
            }
        });
        return out;
    }
}

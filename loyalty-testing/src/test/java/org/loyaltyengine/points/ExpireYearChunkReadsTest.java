package org.loyaltyengine.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.CountingStore;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.points.ExpiryBatchScenario;
import org.loyaltyengine.testing.points.FailingChunkStore;
import org.loyaltyengine.testing.points.PointsFixtures;

/**
 * A chunk of the year-end expiry in batch mode reads its page of accounts once: the page it reads to name the
 * page's customers, before it locks them, is the page it decides on (it used to read it once more for its
 * context). A chunk whose transaction the store runs again, as a database store does after a deadlock, reads its
 * page afresh in the second run, which holds nothing of the first, and the job expires what one run expires.
 */
@Tag("SP-25")
@Tag("SP-14")
class ExpireYearChunkReadsTest {
    private static final String PAGE = "accounts of " + SavingsPoints.PROGRAM + " after ";

    private static PointsFixtures built(LoyaltyStore store) {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store)
                .clock(new MutableClock(Instant.parse("2026-01-10T09:00:00Z"))).build();
        PointsFixtures f = new PointsFixtures(engine, store);
        ExpiryBatchScenario.build(f, ExpiryBatchScenario.twoOfEach());
        return f;
    }

    /**
     * How often the year-end job, run in chunks of five from now on, read each page of the program's accounts, by
     * where the page began; twelve accounts make three pages, the first from the start.
     */
    private static Map<String, Integer> pagesReadByTheJob(PointsFixtures f, CountingStore counting) {
        counting.reset();
        BatchOutcome done = f.points.expireYear(CommandContext.of(f.agency, PointsFixtures.ADMIN, "year-end", f.day),
                new ExpireYear(2025), Batch.of(5));
        assertTrue(done.finished(), done.toString());
        assertEquals(3, done.chunks());
        assertEquals(0, done.replayedChunks());
        Map<String, Integer> pages = new TreeMap<>();
        counting.reads().forEach((row, n) -> {
            if (row.startsWith(PAGE)) {
                pages.put(row.substring(PAGE.length()), n);
            }
        });
        assertEquals(3, pages.size(), pages.toString());
        return pages;
    }

    @Test
    void eachChunk_readsItsPageOnce() {
        CountingStore counting = new CountingStore(new InMemoryStore());
        Map<String, Integer> pages = pagesReadByTheJob(built(counting), counting);
        assertEquals(1, pages.get("null"), pages.toString());
        pages.forEach((after, n) -> assertEquals(1, n, "page after " + after + ": " + pages));
    }

    @Test
    @Tag("X-5")
    void aChunkWhoseTransactionIsRunAgain_readsItsPageAfresh_andExpiresWhatOneRunExpires() {
        PointsFixtures single = built(new InMemoryStore());
        PointsFixtures.applied(single.points.expireYear(single.admin(), new ExpireYear(2025)));
        Map<String, String> expected = ExpiryBatchScenario.ledger(single);

        FailingChunkStore runningAgain = new FailingChunkStore(new InMemoryStore());
        CountingStore counting = new CountingStore(runningAgain);
        PointsFixtures f = built(counting);
        runningAgain.armRunAgain(f.agency, "/chunk-1");

        Map<String, Integer> pages = pagesReadByTheJob(f, counting);
        // Once in each run of the first chunk's work, once for each other chunk.
        assertEquals(2, pages.get("null"), pages.toString());
        assertEquals(4, pages.values().stream().mapToInt(Integer::intValue).sum(), pages.toString());
        assertEquals(expected, ExpiryBatchScenario.ledger(f));
        assertEquals(ExpiryBatchScenario.expected(ExpiryBatchScenario.twoOfEach()), ExpiryBatchScenario.expired2025(f));
    }
}

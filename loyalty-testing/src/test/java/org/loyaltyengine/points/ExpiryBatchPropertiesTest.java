package org.loyaltyengine.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.points.PointsFixtures.applied;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tag;
import net.jqwik.api.constraints.IntRange;

import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.points.PointsRequests.ExpireYear;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.points.ExpiryBatchScenario;
import org.loyaltyengine.testing.points.ExpiryBatchScenario.History;
import org.loyaltyengine.testing.points.PointsFixtures;

/**
 * For any customer base (owners of any case, digits and punctuation, each with any of the histories the expiry
 * treats in its own way) and any chunk size, the year-end expiry in batch mode leaves every points account with
 * the entries and the balance the single run leaves it with (SPEC SP-14, SP-25), and expires what the histories
 * say it must.
 */
@Tag("SP-25")
@Tag("X-4")
class ExpiryBatchPropertiesTest {
    private static final InMemoryStore STORE = new InMemoryStore();
    private static final LoyaltyEngine ENGINE = LoyaltyEngine.builder().store(STORE)
            .clock(new MutableClock(Instant.parse("2026-01-10T09:00:00Z"))).build();

    record Customer(String id, History history) {
    }

    @Provide
    Arbitrary<List<Customer>> customers() {
        Arbitrary<String> ids = Arbitraries.strings().withChars("aAbB09-_.z").ofMinLength(1).ofMaxLength(4);
        return Combinators.combine(ids, Arbitraries.of(History.class)).as(Customer::new).list().ofMaxSize(24)
                .uniqueElements(Customer::id);
    }

    @Property(tries = 25)
    void batch_inAnyChunkSize_leavesEveryAccountAsTheSingleRun(@ForAll("customers") List<Customer> base,
                                                                @ForAll @IntRange(min = 1, max = 30) int chunkSize) {
        Map<String, History> customers = new LinkedHashMap<>();
        base.forEach(c -> customers.put(c.id(), c.history()));

        PointsFixtures single = new PointsFixtures(ENGINE, STORE);
        ExpiryBatchScenario.build(single, customers);
        applied(single.points.expireYear(single.admin(), new ExpireYear(2025)));

        PointsFixtures batched = new PointsFixtures(ENGINE, STORE);
        ExpiryBatchScenario.build(batched, customers);
        BatchOutcome done = batched.points.expireYear(CommandContext.of(batched.agency, PointsFixtures.ADMIN, "job",
                batched.day), new ExpireYear(2025), Batch.of(chunkSize));

        assertTrue(done.finished(), done::toString);
        assertEquals(customers.size(), done.accounts());
        assertEquals(Math.max(1, (customers.size() + chunkSize - 1) / chunkSize), done.chunks());
        assertEquals(ExpiryBatchScenario.ledger(single), ExpiryBatchScenario.ledger(batched));
        assertEquals(ExpiryBatchScenario.expected(customers), ExpiryBatchScenario.expired2025(batched));
    }
}

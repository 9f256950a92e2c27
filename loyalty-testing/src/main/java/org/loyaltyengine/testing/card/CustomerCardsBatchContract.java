package org.loyaltyengine.testing.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.card.CardFixtures.DAY;
import static org.loyaltyengine.testing.card.CardFixtures.applied;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardPage;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardStatus;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.testing.BatchJobScenarios;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.TenantSnapshot;

/**
 * The bulk enrolment in batch mode and the paged card overview (SPEC CC-3, CC-4, CC-13, SP-25, X-4): run in chunks
 * over the customers it enrols whom the single bulk enrolment enrols, each card counted back alike, on data built
 * twice and independently; a job that fails half-way and is run again with the same key finishes exactly once; the
 * same key with another chunk size is refused; a dry run writes nothing; it needs the bulk enrolment's permission.
 * The overview walked page by page lists what the whole overview lists. Abstract so that every store runs it.
 */
@Tag("SP-25")
@Tag("CC-3")
@Tag("CC-4")
@Tag("X-4")
public abstract class CustomerCardsBatchContract implements BatchJobScenarios.Interruptions {
    private static final int CUSTOMERS = 10;
    private static final Map<LoyaltyStore, LoyaltyEngine> ENGINES = new ConcurrentHashMap<>();

    private final BatchJobScenarios<CardFixtures> jobs = new BatchJobScenarios<>(this::newStore, this::built,
            f -> f.practice, (f, key) -> job(f, CardFixtures.MANAGER, key), (f, ctx, batch) -> f.cards.enrolAll(ctx,
            batch), f -> TenantSnapshot.of(f.store, f.practice));

    /** The store under test; one shared store (each test uses fresh tenants). */
    protected abstract LoyaltyStore newStore();

    /**
     * Customers of five kinds: not taking part with a sale of 50.00 recorded, not taking part with none, taking part
     * with a sale of 30.00, stopped (withdrawn) with a sale of 20.00 recorded meanwhile, not taking part with sales
     * of 10.00 and 40.00. Food at 10%.
     */
    private CardFixtures built(LoyaltyStore store) {
        LoyaltyEngine engine = ENGINES.computeIfAbsent(store, s -> LoyaltyEngine.builder().store(s)
                .clock(new MutableClock(Instant.parse("2026-06-15T09:00:00Z"))).build());
        CardFixtures f = new CardFixtures(engine, store);
        f.configure(Configure.percent("10"));
        f.eligible("food");
        for (int i = 0; i < CUSTOMERS; i++) {
            String c = customer(i);
            f.customer(c);
            switch (i % 5) {
                case 0 -> f.buy(c, DAY.minusDays(3), "food", "50.00");
                case 1 -> { }
                case 2 -> {
                    f.enrolled(c);
                    f.buy(c, DAY.minusDays(2), "food", "30.00");
                }
                case 3 -> {
                    f.enrolled(c);
                    applied(f.cards.withdraw(f.next(), new CardRequests.Withdraw(c)));
                    f.buy(c, DAY.minusDays(1), "food", "20.00");
                }
                default -> {
                    f.buy(c, DAY.minusDays(5), "food", "10.00");
                    f.buy(c, DAY.minusDays(4), "food", "40.00");
                }
            }
        }
        return f;
    }

    /** Ids that sort otherwise than they were created, and differ by more than their case. */
    private static String customer(int i) {
        return (i % 3 == 0 ? "C" : "c") + "-" + (i * 7 % 13);
    }

    /** By the seed: whom the bulk enrolment leaves taking part, each with what the card then holds. */
    private static Map<String, String> expectedCards() {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            switch (i % 5) {
                case 0, 4 -> out.put(customer(i), "5");
                case 1 -> out.put(customer(i), "0");
                case 2 -> out.put(customer(i), "3");
                default -> { }
            }
        }
        return out;
    }

    /** The customers who take part, each with the amount on the card, by the whole overview. */
    private static Map<String, String> cards(CardFixtures f) {
        Map<String, String> out = new TreeMap<>();
        for (CardStatus s : f.cards.overview(f.practice, DAY)) {
            out.put(s.customerId(), s.amount().stripTrailingZeros().toPlainString());
        }
        return out;
    }

    /** Every account of the program with its entries, as the store keeps them. */
    private static Map<String, String> ledger(CardFixtures f) {
        return f.store.inTransaction(f.practice, tx -> {
            Map<String, String> out = new TreeMap<>();
            for (Account a : tx.accounts().ofProgram(CustomerCards.PROGRAM)) {
                List<String> entries = new ArrayList<>();
                for (LedgerEntry e : tx.ledger().entries(a.key())) {
                    entries.add(e.kind() + " " + e.amount().stripTrailingZeros().toPlainString() + " "
                            + e.businessDate() + " " + e.document() + " " + e.line());
                }
                out.put(a.key().owner() + " " + a.key().unit().code(), a.balance().stripTrailingZeros()
                        .toPlainString() + " " + entries);
            }
            return out;
        });
    }

    private static CommandContext job(CardFixtures f, Actor actor, String key) {
        return CommandContext.of(f.practice, actor, key, DAY);
    }

    @Test
    void batch_inChunksOfAnySize_enrolsWhomTheSingleBulkEnrolmentEnrols() {
        CardFixtures single = built(newStore());
        applied(single.cards.enrolAll(single.next(CardFixtures.MANAGER)));
        assertEquals(expectedCards(), cards(single));
        Map<String, String> expected = ledger(single);
        // Three of the five kinds were not taking part and never stopped: those the chunks enrol.
        int enrolled = 3 * CUSTOMERS / 5;
        jobs.inChunksOf(List.of(1, 3, CUSTOMERS, 1000), CUSTOMERS, "enrol", (size, batched, run) -> {
            assertEquals(enrolled, run.outcome().accounts(), "chunk size " + size);
            assertEquals(expectedCards(), cards(batched), "chunk size " + size);
            assertEquals(expected, ledger(batched), "chunk size " + size);
        });
    }

    @Override
    public void interruptedAndRunAgain(boolean afterCommit) {
        CardFixtures single = built(newStore());
        applied(single.cards.enrolAll(single.next(CardFixtures.MANAGER)));
        Map<String, String> expected = ledger(single);

        BatchJobScenarios.OnAFailingStore<CardFixtures> failing = jobs.onAFailingStore();
        CardFixtures f = failing.built();
        jobs.failsAtTheSecondChunk(failing, afterCommit, "nightly", 3);

        jobs.runAgain(f, job(f, CardFixtures.MANAGER, "nightly"), 3, (CUSTOMERS + 2) / 3, afterCommit);
        assertEquals(expectedCards(), cards(f));
        assertEquals(expected, ledger(f));

        jobs.runOnceMore(f, "nightly", 3, (CUSTOMERS + 2) / 3);
        assertEquals(expected, ledger(f));
    }

    @Test
    void theSameKeyWithAnotherChunkSize_isRefusedAndChangesNothing() {
        CardFixtures f = jobs.refusedHalfDone("job-a", 3, 4);
        assertTrue(f.cards.enrolAll(job(f, CardFixtures.MANAGER, "job-a"), Batch.of(3)).finished());
        assertEquals(expectedCards(), cards(f));
    }

    @Test
    void dryRun_decidesEveryChunkAndWritesNothing() {
        CardFixtures f = built(newStore());
        BatchOutcome dry = jobs.dryRun(f, "preview", 3).outcome();
        assertEquals((CUSTOMERS + 2) / 3, dry.chunks());
        assertEquals(3 * CUSTOMERS / 5, dry.accounts());
        assertTrue(f.cards.enrolAll(job(f, CardFixtures.MANAGER, "preview"), Batch.of(3)).finished());
        assertEquals(expectedCards(), cards(f));
    }

    @Test
    @Tag("X-8")
    void withoutTheBulkEnrolmentsPermission_theFirstChunkIsRefusedAndNothingChanges() {
        CardFixtures f = built(newStore());
        TenantSnapshot before = TenantSnapshot.of(f.store, f.practice);
        Actor clerk = Actor.of("clerk-without", CustomerCards.SETTINGS_PERMISSION);
        BatchOutcome refused = f.cards.enrolAll(job(f, clerk, "no-permission"), Batch.of(3));
        assertFalse(refused.finished());
        assertEquals(1, refused.chunks());
        assertEquals(List.of("PERMISSION_REQUIRED"), refused.rejection().orElseThrow().reasonCodes());
        assertEquals(List.of("PERMISSION_REQUIRED"), f.cards.enrolAll(f.next(clerk)).reasonCodes());
        // Nothing but the refusals' own outcomes, stored under their keys as every refusal's is.
        assertEquals(before.parts(), TenantSnapshot.of(f.store, f.practice).parts());
        Actor holder = Actor.of("holder", CustomerCards.ENROL_ALL_PERMISSION);
        assertTrue(f.cards.enrolAll(job(f, holder, "with-permission"), Batch.of(3)).finished());
        assertEquals(expectedCards(), cards(f));
    }

    @Test
    @Tag("CC-13")
    void theOverviewWalkedPageByPage_listsEveryCardOfTheWholeOverviewOnce() {
        CardFixtures f = built(newStore());
        applied(f.cards.enrolAll(f.next(CardFixtures.MANAGER)));
        Map<String, String> whole = cards(f);
        for (int limit : List.of(1, 2, 3, 1000)) {
            Map<String, String> walked = new TreeMap<>();
            Set<String> seen = new HashSet<>();
            String after = null;
            int pages = 0;
            do {
                CardPage page = f.cards.overview(f.practice, DAY, after, limit);
                assertTrue(page.cards().size() <= limit, page.toString());
                for (CardStatus s : page.cards()) {
                    assertTrue(seen.add(s.customerId()), () -> "listed twice: " + s.customerId());
                    walked.put(s.customerId(), s.amount().stripTrailingZeros().toPlainString());
                }
                after = page.next();
                pages++;
            } while (after != null && pages < 100);
            assertEquals(whole, walked, "pages of " + limit);
            List<String> full = new ArrayList<>();
            String fullAfter = null;
            do {
                CardPage page = f.cards.fullCards(f.practice, DAY, fullAfter, limit);
                page.cards().forEach(s -> full.add(s.customerId()));
                fullAfter = page.next();
            } while (fullAfter != null);
            assertEquals(f.cards.fullCards(f.practice, DAY).stream().map(CardStatus::customerId).sorted().toList(),
                    full.stream().sorted().toList());
        }
        assertEquals(expectedCards(), whole);
        assertThrows(InvalidValueException.class, () -> f.cards.overview(f.practice, DAY, null, 0));
        assertThrows(InvalidValueException.class, () -> f.cards.overview(f.practice, DAY, null, 10_001));
    }
}

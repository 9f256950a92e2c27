package org.loyaltyengine.testing.pos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.Batch;
import org.loyaltyengine.BatchChunk;
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.Configure;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.PayReceipt;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.BatchJobScenarios;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.TenantSnapshot;

/**
 * The reservations' expiry in batch mode (SPEC PC-5, SP-25, X-4): run in chunks over the program's accounts it
 * expires exactly the reservations the single sweep expires, on data built twice and independently; a job that
 * fails half-way and is run again with the same key finishes exactly once; the same key with another chunk size
 * is refused; a dry run writes nothing; it needs what the sweep needs (nothing). Abstract so that every store
 * runs it.
 */
@Tag("SP-25")
@Tag("PC-5")
@Tag("X-4")
public abstract class PosCardsBatchContract implements BatchJobScenarios.Interruptions {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION,
            PosCards.SETTINGS_PERMISSION, PosCards.MANUAL_PERMISSION);
    /** A till's scheduler, with no permission at all. */
    private static final Actor SCHEDULER = Actor.of("scheduler");
    private static final int CARDS = 8;
    /** Two items on each card of the first kind, whose reservations are overdue when the sweep runs. */
    private static final int EXPIRING = 2 * CARDS / 4;
    private static final Map<LoyaltyStore, LoyaltyEngine> ENGINES = new ConcurrentHashMap<>();
    private static final Map<LoyaltyStore, MutableClock> CLOCKS = new ConcurrentHashMap<>();

    private final AtomicLong keys = new AtomicLong();
    private final BatchJobScenarios<Built> jobs = new BatchJobScenarios<>(this::newStore, this::built, Built::shop,
            (b, key) -> job(b, SCHEDULER, key), (b, ctx, batch) -> b.pos().expireHolds(ctx, batch),
            b -> TenantSnapshot.of(b.store(), b.shop()));

    /** The store under test; one shared store (each test uses fresh tenants). */
    protected abstract LoyaltyStore newStore();

    private record Built(LoyaltyStore store, PosCards pos, TenantId shop) {
    }

    /**
     * Cards of four kinds: items reserved 40 minutes before the sweep (overdue with 30-minute reservations), items
     * reserved 20 minutes before it (not yet), no receipt, a receipt paid. Times are relative to the engine's clock,
     * which only moves forward, so every build is alike.
     */
    private Built built(LoyaltyStore store) {
        MutableClock clock = CLOCKS.computeIfAbsent(store, s -> new MutableClock(Instant.parse("2026-03-14T09:00:00Z")));
        LoyaltyEngine engine = ENGINES.computeIfAbsent(store, s -> LoyaltyEngine.builder().store(s).clock(clock).build());
        Built b = new Built(store, engine.posCards(), TenantId.of("pb-" + UUID.randomUUID().toString().substring(0, 12)));
        PosCards pos = b.pos();
        applied(pos.configure(ctx(b, CASHIER), new Configure(30)));
        for (int i = 0; i < CARDS; i++) {
            String card = card(i);
            applied(pos.defineCard(ctx(b, CASHIER), new Card(card, "Petr", "Svoboda " + i, BigDecimal.ZERO, true, true,
                    Money.currency("CZK"))));
            applied(pos.changeCredit(ctx(b, CASHIER), new ChangeCredit(card, czk("100.00"), "initial deposit")));
            if (i % 4 == 0 || i % 4 == 3) {
                reserve(b, "R-" + i, card);
            }
            if (i % 4 == 3) {
                applied(pos.pay(ctx(b, CASHIER), new PayReceipt("R-" + i)));
            }
        }
        clock.advance(Duration.ofMinutes(20));
        for (int i = 1; i < CARDS; i += 4) {
            reserve(b, "R-" + i, card(i));
        }
        clock.advance(Duration.ofMinutes(20));
        return b;
    }

    private void reserve(Built b, String receipt, String card) {
        applied(b.pos().openReceipt(ctx(b, CASHIER), new OpenReceipt(receipt, Money.currency("CZK"))));
        applied(b.pos().identifyCard(ctx(b, CASHIER), new IdentifyCard(receipt, card, null)));
        applied(b.pos().addItem(ctx(b, CASHIER), AddItem.of(receipt, "1", "item 1", czk("30.00"), "21")));
        applied(b.pos().addItem(ctx(b, CASHIER), AddItem.of(receipt, "2", "item 2", czk("20.00"), "21")));
    }

    /** Numbers that sort otherwise than they were defined. */
    private static String card(int i) {
        return Integer.toString(9000 - (i * 37 % 11) * 100 - i);
    }

    private static Money czk(String amount) {
        return Money.of(amount, "CZK");
    }

    private CommandContext ctx(Built b, Actor actor) {
        return CommandContext.of(b.shop(), actor, "k" + keys.incrementAndGet(), DAY);
    }

    private static CommandContext job(Built b, Actor actor, String key) {
        return CommandContext.of(b.shop(), actor, key, DAY);
    }

    private static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    /** Every account of the program with its entries, and every receipt's reservations, as the store keeps them. */
    private static Map<String, String> state(Built b) {
        return b.store().inTransaction(b.shop(), tx -> {
            Map<String, String> out = new TreeMap<>();
            for (Account a : tx.accounts().ofProgram(PosCards.PROGRAM)) {
                List<String> entries = new ArrayList<>();
                for (LedgerEntry e : tx.ledger().entries(a.key())) {
                    entries.add(e.kind() + " " + e.amount().stripTrailingZeros().toPlainString() + " " + e.document()
                            + " " + e.line());
                }
                out.put(a.key().owner(), a.balance().stripTrailingZeros().toPlainString() + " held "
                        + a.held().stripTrailingZeros().toPlainString() + " " + entries);
            }
            for (int i = 0; i < CARDS; i++) {
                List<String> holds = new ArrayList<>();
                for (Hold h : tx.holds().ofDocument("R-" + i)) {
                    holds.add(h.line() + " " + h.amount().stripTrailingZeros().toPlainString() + " " + h.state());
                }
                out.put("R-" + i, holds.toString());
            }
            return out;
        });
    }

    /** What each card has available, by the statement the till shows. */
    private static Map<String, String> available(Built b) {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < CARDS; i++) {
            out.put(card(i), b.pos().statement(b.shop(), card(i)).available().stripTrailingZeros().toPlainString());
        }
        return out;
    }

    /** By the seed: overdue reservations give the credit back, the others and the paid still hold or spent it. */
    private static Map<String, String> expectedAvailable() {
        Map<String, String> out = new TreeMap<>();
        for (int i = 0; i < CARDS; i++) {
            out.put(card(i), i % 4 == 1 || i % 4 == 3 ? "50" : "100");
        }
        return out;
    }

    private static int accounts(Built b) {
        return b.store().inTransaction(b.shop(), tx -> tx.accounts().ofProgram(PosCards.PROGRAM).size());
    }

    private static long expired(List<BatchChunk> chunks) {
        return chunks.stream().flatMap(c -> c.outcome().holds().stream()).filter(h -> h.state() == HoldState.EXPIRED)
                .count();
    }

    @Test
    void batch_inChunksOfAnySize_expiresWhatTheSingleSweepExpires() {
        Built single = built(newStore());
        Outcome sweep = applied(single.pos().expireHolds(ctx(single, SCHEDULER)));
        assertEquals(EXPIRING, sweep.holds().stream().filter(h -> h.state() == HoldState.EXPIRED).count());
        assertEquals(expectedAvailable(), available(single));
        Map<String, String> expected = state(single);
        int accounts = accounts(single);
        jobs.inChunksOf(List.of(1, 3, accounts, 1000), accounts, "holds", (size, batched, run) -> {
            BatchOutcome done = run.outcome();
            List<BatchChunk> heard = run.heard();
            assertEquals(accounts, done.accounts(), "chunk size " + size);
            assertEquals(0, done.entries());
            assertEquals(sweep.holds().size(), heard.stream().mapToLong(c -> c.outcome().holds().size()).sum());
            assertEquals(EXPIRING, expired(heard), "chunk size " + size);
            assertEquals(expected, state(batched), "chunk size " + size);
            assertEquals(expectedAvailable(), available(batched));
        });
    }

    @Override
    public void interruptedAndRunAgain(boolean afterCommit) {
        BatchJobScenarios.OnAFailingStore<Built> failing = jobs.onAFailingStore();
        Built b = failing.built();
        int accounts = accounts(b);
        int chunks = (accounts + 2) / 3;
        jobs.failsAtTheSecondChunk(failing, afterCommit, "sweep", 3);

        BatchJobScenarios.Run again = jobs.runAgain(b, job(b, SCHEDULER, "sweep"), 3, chunks, afterCommit);
        assertEquals(accounts, again.outcome().accounts());
        // Each overdue reservation expired once, in whichever chunk, replayed or run.
        assertEquals(EXPIRING, expired(again.heard()));
        assertEquals(expectedAvailable(), available(b));
        Map<String, String> after = state(b);

        assertEquals(EXPIRING, expired(jobs.runOnceMore(b, "sweep", 3, chunks).heard()));
        assertEquals(after, state(b));
    }

    @Test
    void theSameKeyWithAnotherChunkSize_isRefusedAndChangesNothing() {
        Built b = jobs.refusedHalfDone("job-a", 3, 4);
        assertTrue(b.pos().expireHolds(job(b, SCHEDULER, "job-a"), Batch.of(3)).finished());
        assertEquals(expectedAvailable(), available(b));
    }

    @Test
    void dryRun_decidesEveryChunkAndWritesNothing() {
        Built b = built(newStore());
        Map<String, String> state = state(b);
        BatchJobScenarios.Run dry = jobs.dryRun(b, "preview", 3);
        assertEquals(accounts(b), dry.outcome().accounts());
        assertEquals(EXPIRING, expired(dry.heard()));
        assertEquals(state, state(b));
        assertTrue(b.pos().expireHolds(job(b, SCHEDULER, "preview"), Batch.of(3)).finished());
        assertEquals(expectedAvailable(), available(b));
    }
}

package org.loyaltyengine.testing.credits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
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
import org.loyaltyengine.BatchOutcome;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.credits.CreditRequests.CancelSale;
import org.loyaltyengine.credits.CreditRequests.ConfirmSale;
import org.loyaltyengine.credits.CreditRequests.Consume;
import org.loyaltyengine.credits.CreditRequests.Correction;
import org.loyaltyengine.credits.CreditRequests.Counting;
import org.loyaltyengine.credits.CreditRequests.DefineType;
import org.loyaltyengine.credits.CreditRequests.SaleLine;
import org.loyaltyengine.credits.CreditRequests.Sell;
import org.loyaltyengine.credits.CreditRequests.Source;
import org.loyaltyengine.credits.CreditRequests.SourceDocument;
import org.loyaltyengine.credits.CreditRequests.UseCredits;
import org.loyaltyengine.credits.CreditRequests.WorkLine;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.BatchJobScenarios;
import org.loyaltyengine.testing.MutableClock;
import org.loyaltyengine.testing.TenantSnapshot;

/**
 * The lot expiry in batch mode (SPEC CR-3, CR-8, SP-25, X-4): run in chunks over the program's accounts it expires
 * exactly what the single sweep expires, lot by lot, on data built twice and independently; a job that fails
 * half-way (before a chunk's commit, or after it with the commit's outcome unknown) and is run again with the same
 * key finishes exactly once; the same key with another chunk size is refused; a dry run writes nothing; it needs
 * what the sweep needs. Abstract so that every store runs it.
 */
@Tag("SP-25")
@Tag("CR-3")
@Tag("CR-8")
@Tag("X-4")
public abstract class CreditsBatchContract implements BatchJobScenarios.Interruptions {
    private static final Actor OFFICE = Actor.of("office-ann", Credits.TYPES_PERMISSION, Credits.CUSTOMERS_PERMISSION,
            Credits.CORRECTIONS_PERMISSION);
    private static final LocalDate SOLD = LocalDate.parse("2026-01-05");
    private static final LocalDate SWEEP = LocalDate.parse("2026-02-01");
    private static final Map<LoyaltyStore, LoyaltyEngine> ENGINES = new ConcurrentHashMap<>();
    private static final int CUSTOMERS = 8;

    private final AtomicLong keys = new AtomicLong();
    private final BatchJobScenarios<Built> jobs = new BatchJobScenarios<>(this::newStore, this::built, Built::tenant,
            (b, key) -> job(b, OFFICE, key, SWEEP), (b, ctx, batch) -> b.credits().expireLots(ctx, batch),
            b -> TenantSnapshot.of(b.store(), b.tenant()));

    /** The store under test; one shared store (each test uses fresh tenants). */
    protected abstract LoyaltyStore newStore();

    /** A tenant of its own on {@code store}, with its credits built. */
    private record Built(LoyaltyStore store, Credits credits, TenantId tenant) {
    }

    private Built built(LoyaltyStore store) {
        LoyaltyEngine engine = ENGINES.computeIfAbsent(store, s -> LoyaltyEngine.builder().store(s)
                .clock(new MutableClock(Instant.parse("2026-02-01T09:00:00Z"))).build());
        Built b = new Built(store, engine.credits(), TenantId.of("cb-" + UUID.randomUUID().toString().substring(0, 12)));
        Credits c = b.credits();
        applied(c.defineType(ctx(b, OFFICE, SOLD), new DefineType("HOUR", "Technician hour", "hour",
                Counting.FRACTIONAL, eur("80.00"))));
        applied(c.defineType(ctx(b, OFFICE, SOLD), new DefineType("TICKET", "Support ticket", "ticket", Counting.WHOLE,
                eur("25.00"))));
        for (int i = 0; i < CUSTOMERS; i++) {
            String customer = customer(i);
            applied(c.useCredits(ctx(b, OFFICE, SOLD), new UseCredits(customer, true)));
            switch (i % 4) {
                case 0 -> confirmed(b, "S-" + i, customer, line("1", "HOUR", "10", "2026-01-31"),
                        line("2", "TICKET", "5", "2026-06-30"), line("3", "HOUR", "2", null));
                case 1 -> {
                    confirmed(b, "S-" + i, customer, line("1", "HOUR", "10", "2026-01-31"));
                    applied(c.consume(ctx(b, OFFICE, LocalDate.parse("2026-01-10")), new Consume(customer,
                            new SourceDocument(Source.INVOICE, "F-" + i), List.of(WorkLine.of("1", "HOUR", "3",
                            "repair")), null)));
                }
                case 2 -> {
                    // Ids with slashes, so a lot's account name splits more than one way.
                    confirmed(b, "S/" + i, customer, line("a/1", "TICKET", "4", "2026-01-15"));
                    applied(c.correct(ctx(b, OFFICE, SOLD), Correction.add("K-" + i, customer, "HOUR",
                            new BigDecimal("2"), LocalDate.parse("2026-01-20"), "goodwill")));
                }
                default -> {
                    confirmed(b, "S-" + i, customer, line("1", "HOUR", "6", "2026-01-31"));
                    applied(c.cancelSale(ctx(b, OFFICE, SOLD), new CancelSale("S-" + i)));
                    applied(c.sell(ctx(b, OFFICE, SOLD), new Sell("T-" + i, customer,
                            List.of(line("1", "TICKET", "3", "2026-01-31")))));
                }
            }
        }
        return b;
    }

    /** Owners that sort differently by case and digits, so the store's page order is not the order of building. */
    private static String customer(int i) {
        return (i % 3 == 0 ? "C" : "c") + "-" + (i * 7 % 13);
    }

    /** What the sweep must expire of each customer by type, as the seed's rules say, not as the engine computes. */
    private static Map<String, BigDecimal> expected() {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            switch (i % 4) {
                case 0 -> out.put(customer(i) + " HOUR", new BigDecimal("-10"));
                case 1 -> out.put(customer(i) + " HOUR", new BigDecimal("-7"));
                case 2 -> {
                    out.put(customer(i) + " TICKET", new BigDecimal("-4"));
                    out.put(customer(i) + " HOUR", new BigDecimal("-2"));
                }
                default -> { }
            }
        }
        return out;
    }

    private void confirmed(Built b, String sale, String customer, SaleLine... lines) {
        applied(b.credits().sell(ctx(b, OFFICE, SOLD), new Sell(sale, customer, List.of(lines))));
        applied(b.credits().confirmSale(ctx(b, OFFICE, SOLD), new ConfirmSale(sale)));
    }

    private static SaleLine line(String id, String type, String quantity, String validUntil) {
        return new SaleLine(id, type, new BigDecimal(quantity), eur(type.equals("HOUR") ? "70.00" : "20.00"),
                validUntil == null ? null : LocalDate.parse(validUntil));
    }

    private static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    private CommandContext ctx(Built b, Actor actor, LocalDate day) {
        return CommandContext.of(b.tenant(), actor, "k" + keys.incrementAndGet(), day);
    }

    private static CommandContext job(Built b, Actor actor, String key, LocalDate day) {
        return CommandContext.of(b.tenant(), actor, key, day);
    }

    private static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    /** Every credits account of the tenant by owner and unit: its balance and entries, as the store keeps them. */
    private static Map<String, String> ledger(Built b) {
        return b.store().inTransaction(b.tenant(), tx -> {
            Map<String, String> out = new TreeMap<>();
            for (Account a : tx.accounts().ofProgram(Credits.PROGRAM)) {
                List<String> entries = new ArrayList<>();
                for (LedgerEntry e : tx.ledger().entries(a.key())) {
                    entries.add(e.kind() + " " + e.amount().stripTrailingZeros().toPlainString() + " "
                            + e.businessDate() + " " + e.document() + " " + e.line() + " " + e.note());
                }
                out.put(a.key().owner() + " " + a.key().unit().code(), a.balance().stripTrailingZeros()
                        .toPlainString() + " held " + a.held().stripTrailingZeros().toPlainString() + " " + entries);
            }
            return out;
        });
    }

    /** What was expired of each customer by type: the EXPIRE entries, by the customer of the lot's sale. */
    private static Map<String, BigDecimal> expired(Built b, Credits credits) {
        Map<String, BigDecimal> out = new TreeMap<>();
        for (int i = 0; i < CUSTOMERS; i++) {
            String customer = customer(i);
            credits.portfolio(b.tenant(), customer, SWEEP).lots().forEach(l -> {
                if (l.expired().signum() != 0) {
                    out.merge(customer + " " + l.type(), l.expired().negate(), BigDecimal::add);
                }
            });
        }
        return out;
    }

    private static long expireEntries(Built b) {
        return b.store().inTransaction(b.tenant(), tx -> tx.accounts().ofProgram(Credits.PROGRAM).stream()
                .flatMap(a -> tx.ledger().entries(a.key()).stream()).filter(e -> e.kind() == EntryKind.EXPIRE).count());
    }

    private static int accounts(Built b) {
        return b.store().inTransaction(b.tenant(), tx -> tx.accounts().ofProgram(Credits.PROGRAM).size());
    }

    @Test
    void batch_inChunksOfAnySize_expiresWhatTheSingleSweepExpires() {
        Built single = built(newStore());
        Outcome sweep = applied(single.credits().expireLots(ctx(single, OFFICE, SWEEP)));
        Map<String, String> expectedLedger = ledger(single);
        assertEquals(expected(), expired(single, single.credits()));
        assertEquals(CUSTOMERS, sweep.entries().size());
        int accounts = accounts(single);
        jobs.inChunksOf(List.of(1, 3, accounts, 1000), accounts, "lots", (size, batched, run) -> {
            BatchOutcome done = run.outcome();
            assertEquals(accounts, done.accounts(), "chunk size " + size);
            assertEquals(sweep.entries().size(), done.entries(), "chunk size " + size);
            assertEquals(0, done.replayedChunks());
            assertEquals(expectedLedger, ledger(batched), "chunk size " + size);
        });
    }

    @Override
    public void interruptedAndRunAgain(boolean afterCommit) {
        Built single = built(newStore());
        applied(single.credits().expireLots(ctx(single, OFFICE, SWEEP)));
        Map<String, String> expectedLedger = ledger(single);

        BatchJobScenarios.OnAFailingStore<Built> failing = jobs.onAFailingStore();
        Built b = failing.built();
        int accounts = accounts(b);
        int chunks = (accounts + 3) / 4;
        jobs.failsAtTheSecondChunk(failing, afterCommit, "nightly", 4);

        // Run again the next day: the job finishes as the day it began, its entries dated then.
        BatchOutcome again = jobs.runAgain(b, job(b, OFFICE, "nightly", SWEEP.plusDays(1)), 4, chunks, afterCommit)
                .outcome();
        assertEquals(accounts, again.accounts());
        assertEquals(expectedLedger, ledger(b));
        assertEquals(expected(), expired(b, b.credits()));

        BatchOutcome third = jobs.runOnceMore(b, "nightly", 4, chunks).outcome();
        assertEquals(again.entries(), third.entries());
        assertEquals(expectedLedger, ledger(b));
    }

    @Test
    void theSameKeyWithAnotherChunkSize_isRefusedAndChangesNothing() {
        Built b = jobs.refusedHalfDone("job-a", 4, 5);
        assertTrue(b.credits().expireLots(job(b, OFFICE, "job-a", SWEEP), Batch.of(4)).finished());
        assertEquals(expected(), expired(b, b.credits()));
    }

    @Test
    void dryRun_decidesEveryChunkAndWritesNothing() {
        Built b = built(newStore());
        BatchOutcome dry = jobs.dryRun(b, "preview", 3).outcome();
        assertEquals(CUSTOMERS, dry.entries());
        assertEquals(accounts(b), dry.accounts());
        assertEquals(0, expireEntries(b));
        assertEquals(CUSTOMERS, b.credits().expireLots(job(b, OFFICE, "preview", SWEEP), Batch.of(3))
                .entries());
        assertEquals(expected(), expired(b, b.credits()));
    }

    @Test
    void aTechnicianWithoutPermissions_mayRunItAsTheSweep() {
        // The sweep needs no permission (a scheduled job); nor do its chunks.
        Actor technician = Actor.of("tech-bob");
        Built single = built(newStore());
        applied(single.credits().expireLots(ctx(single, technician, SWEEP)));
        Built b = built(newStore());
        BatchOutcome done = b.credits().expireLots(job(b, technician, "by-tech", SWEEP), Batch.of(5));
        assertTrue(done.finished() && done.rejection().isEmpty(), done.toString());
        assertEquals(ledger(single), ledger(b));
    }
}

package org.loyaltyengine.spi.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.FloorViolationException;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Ledger;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.Rejection;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.StaleWriteException;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * The contract every {@link LoyaltyStore} must meet. A store's test extends this class and supplies
 * {@link #newStore()}; the same tests run unchanged against the in-memory store, the JPA adapter on
 * each database, and any store a host writes itself.
 *
 * <p>Each test uses fresh tenant ids, so a store backed by a shared database needs no cleaning
 * between tests.
 */
public abstract class LoyaltyStoreConformance {
    protected static final RuleRef RULE = new RuleRef("conformance", 1, "test");
    protected static final LocalDate DAY = LocalDate.of(2026, 3, 1);
    protected static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    protected LoyaltyStore store;
    protected TenantId tenant;
    private ExecutorService pool;

    /** A new store (or a handle on a shared one); called before each test. */
    protected abstract LoyaltyStore newStore();

    /** Threads used by the concurrency tests. */
    protected int threads() {
        return 8;
    }

    /**
     * Whether two transactions of one tenant can be open at once (a store with row locks), rather than
     * one after the other as the in-memory store runs them. A test that needs a second transaction to
     * finish while the first is still open runs only where this is true: on a store that runs them one
     * at a time it would wait for itself.
     */
    protected boolean runsATenantsTransactionsAtOnce() {
        return false;
    }

    @BeforeEach
    void setUpStore() {
        store = newStore();
        tenant = freshTenant();
        pool = Executors.newFixedThreadPool(threads());
    }

    @AfterEach
    void tearDownPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(30, TimeUnit.SECONDS);
    }

    protected static TenantId freshTenant() {
        return TenantId.of("t-" + UUID.randomUUID().toString().substring(0, 18));
    }

    protected static AccountKey key(String owner) {
        return new AccountKey(owner, "conformance", Unit.currency("EUR"));
    }

    protected static LedgerEntry entry(AccountKey account, EntryKind kind, String amount) {
        return new LedgerEntry(0, account, kind, new BigDecimal(amount), "doc-1", null, DAY, NOW, "tester", null,
                null, RULE, null);
    }

    protected static Hold hold(String id, AccountKey account, String amount) {
        return Hold.pending(id, account, new BigDecimal(amount), "receipt-1", "line-" + id, NOW,
                NOW.plusSeconds(3600), "tester", RULE);
    }

    protected static Outcome outcome(String key, String marker) {
        return new Outcome(Outcome.Status.APPLIED, "test", key, false, "conformance", 1, List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), Map.of("marker", marker), NOW, "tester");
    }

    private Account open(String owner, String floor) {
        return store.inTransaction(tenant, tx -> tx.accounts().open(key(owner), floor == null ? null : new BigDecimal(floor)));
    }

    private Account account(String owner) {
        return store.inTransaction(tenant, tx -> tx.accounts().find(key(owner)).orElseThrow());
    }

    private BigDecimal sumOfEntries(AccountKey k) {
        return store.inTransaction(tenant, tx -> tx.ledger().entries(k).stream().map(LedgerEntry::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
    }

    // ------------------------------------------------------------------ ledger

    @Test
    @Tag("X-3")
    void ledger_hasNoWayToChangeOrRemoveAnEntry() {
        List<String> names = Arrays.stream(Ledger.class.getMethods()).map(Method::getName).sorted().toList();
        assertEquals(List.of("append", "entries", "entriesOf", "ofDocument"), names, "the ledger may only append and read");
    }

    @Test
    @Tag("X-3")
    void ledger_keepsEntriesInAppendOrderWithIncreasingSequence() {
        open("a", null);
        List<LedgerEntry> appended = store.inTransaction(tenant, tx -> List.of(
                tx.ledger().append(entry(key("a"), EntryKind.TOP_UP, "10.00")),
                tx.ledger().append(entry(key("a"), EntryKind.CONSUME, "-3.00")),
                tx.ledger().append(entry(key("a"), EntryKind.ADJUST, "0.50"))));
        List<LedgerEntry> read = store.inTransaction(tenant, tx -> tx.ledger().entries(key("a")));
        assertEquals(appended, read);
        assertTrue(read.get(0).sequence() > 0);
        assertTrue(read.get(0).sequence() < read.get(1).sequence() && read.get(1).sequence() < read.get(2).sequence());
        assertEquals(3, store.inTransaction(tenant, tx -> tx.ledger().ofDocument("doc-1")).size());
    }

    @Test
    @Tag("X-3")
    void balance_equalsSumOfEntries() {
        open("a", null);
        String[] amounts = {"10.00", "-2.50", "7.25", "-14.75", "0.01", "3.99"};
        for (String amount : amounts) {
            store.inTransaction(tenant, tx -> tx.ledger().append(entry(key("a"), EntryKind.ADJUST, amount)));
        }
        BigDecimal expected = Arrays.stream(amounts).map(BigDecimal::new).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, expected.compareTo(account("a").balance()));
        assertEquals(0, expected.compareTo(sumOfEntries(key("a"))));
    }

    @Test
    void append_toAnUnknownAccountFailsTyped() {
        assertThrows(org.loyaltyengine.spi.NoSuchAccountException.class, () -> store.inTransaction(tenant,
                tx -> tx.ledger().append(entry(key("nobody"), EntryKind.ADJUST, "1.00"))));
    }

    // ------------------------------------------------------------------ floor

    @Test
    @Tag("X-5")
    void floor_refusesAnEntryThatWouldGoBelowIt() {
        open("a", "0");
        store.inTransaction(tenant, tx -> tx.ledger().append(entry(key("a"), EntryKind.TOP_UP, "5.00")));
        assertThrows(FloorViolationException.class, () -> store.inTransaction(tenant,
                tx -> tx.ledger().append(entry(key("a"), EntryKind.CONSUME, "-5.01"))));
        store.inTransaction(tenant, tx -> tx.ledger().append(entry(key("a"), EntryKind.CONSUME, "-5.00")));
        assertEquals(0, account("a").balance().signum());
    }

    @Test
    @Tag("X-5")
    void floor_countsPendingHolds() {
        open("a", "0");
        store.inTransaction(tenant, tx -> tx.ledger().append(entry(key("a"), EntryKind.TOP_UP, "10.00")));
        store.inTransaction(tenant, tx -> tx.holds().place(hold("h1", key("a"), "8.00")));
        assertThrows(FloorViolationException.class, () -> store.inTransaction(tenant,
                tx -> tx.holds().place(hold("h2", key("a"), "2.01"))));
        assertThrows(FloorViolationException.class, () -> store.inTransaction(tenant,
                tx -> tx.ledger().append(entry(key("a"), EntryKind.CONSUME, "-2.01"))));
        Account a = account("a");
        assertEquals(0, new BigDecimal("10.00").compareTo(a.balance()));
        assertEquals(0, new BigDecimal("8.00").compareTo(a.held()));
    }

    @Test
    @Tag("X-5")
    void floor_holdsUnderEightConcurrentThreads() throws Exception {
        open("hot", "0");
        store.inTransaction(tenant, tx -> tx.ledger().append(entry(key("hot"), EntryKind.TOP_UP, "100.00")));
        AtomicInteger refused = new AtomicInteger();
        List<Callable<BigDecimal>> jobs = new ArrayList<>();
        for (int t = 0; t < threads(); t++) {
            int thread = t;
            jobs.add(() -> {
                BigDecimal taken = BigDecimal.ZERO;
                for (int i = 0; i < 25; i++) {
                    BigDecimal amount = BigDecimal.valueOf(1 + (thread + i) % 5);
                    boolean viaHold = i % 3 == 0;
                    String id = "h-" + thread + "-" + i;
                    try {
                        store.inTransaction(tenant, tx -> {
                            tx.accounts().lock(List.of(key("hot")));
                            if (viaHold) {
                                tx.holds().place(hold(id, key("hot"), amount.toPlainString()));
                                return tx.holds().capture(id, entry(key("hot"), EntryKind.CAPTURE,
                                        amount.negate().toPlainString()), NOW);
                            }
                            return tx.ledger().append(entry(key("hot"), EntryKind.CONSUME, amount.negate().toPlainString()));
                        });
                        taken = taken.add(amount);
                    } catch (FloorViolationException e) {
                        refused.incrementAndGet();
                    }
                }
                return taken;
            });
        }
        BigDecimal taken = BigDecimal.ZERO;
        for (Future<BigDecimal> f : pool.invokeAll(jobs)) {
            taken = taken.add(f.get());
        }
        Account hot = account("hot");
        assertTrue(hot.balance().signum() >= 0, "balance went below its floor: " + hot.balance());
        assertEquals(0, new BigDecimal("100.00").subtract(taken).compareTo(hot.balance()));
        assertEquals(0, hot.balance().compareTo(sumOfEntries(key("hot"))));
        assertEquals(0, hot.held().signum());
        assertTrue(refused.get() > 0, "the test must drive the account to its floor");
    }

    // ------------------------------------------------------------------ holds

    @Test
    void hold_captureMovesBalanceAndHeldTogether() {
        open("a", "0");
        store.inTransaction(tenant, tx -> tx.ledger().append(entry(key("a"), EntryKind.TOP_UP, "10.00")));
        store.inTransaction(tenant, tx -> tx.holds().place(hold("h1", key("a"), "4.00")));
        Optional<LedgerEntry> captured = store.inTransaction(tenant,
                tx -> tx.holds().capture("h1", entry(key("a"), EntryKind.CAPTURE, "-4.00"), NOW));
        assertTrue(captured.isPresent());
        Account a = account("a");
        assertEquals(0, new BigDecimal("6.00").compareTo(a.balance()));
        assertEquals(0, a.held().signum());
        assertFalse((boolean) store.inTransaction(tenant, tx -> tx.holds().settle("h1", HoldState.RELEASED, NOW, "releaser", RULE)));
        assertEquals(HoldState.CAPTURED, store.inTransaction(tenant, tx -> tx.holds().find("h1").orElseThrow().state()));
    }

    @Test
    void hold_releaseRestoresAvailable() {
        open("a", "0");
        store.inTransaction(tenant, tx -> tx.ledger().append(entry(key("a"), EntryKind.TOP_UP, "10.00")));
        store.inTransaction(tenant, tx -> tx.holds().place(hold("h1", key("a"), "4.00")));
        assertTrue((boolean) store.inTransaction(tenant, tx -> tx.holds().settle("h1", HoldState.RELEASED, NOW, "releaser", RULE)));
        assertFalse((boolean) store.inTransaction(tenant, tx -> tx.holds().settle("h1", HoldState.EXPIRED, NOW, "sweeper", RULE)));
        Hold released = store.inTransaction(tenant, tx -> tx.holds().find("h1")).orElseThrow();
        assertEquals(HoldState.RELEASED, released.state());
        assertEquals("releaser", released.settledBy());
        assertEquals(RULE, released.settleRule());
        assertEquals(NOW, released.settledAt());
        assertTrue(store.inTransaction(tenant, tx -> tx.holds().capture("h1",
                entry(key("a"), EntryKind.CAPTURE, "-4.00"), NOW)).isEmpty());
        assertEquals(0, new BigDecimal("10.00").compareTo(account("a").available()));
        assertEquals(1, store.inTransaction(tenant, tx -> tx.holds().ofDocument("receipt-1")).size());
        assertTrue(store.inTransaction(tenant, tx -> tx.holds().pending(key("a"))).isEmpty());
    }

    @Test
    void hold_expiredByFindsPendingHoldsPastTheirTime() {
        open("a", "0");
        store.inTransaction(tenant, tx -> tx.ledger().append(entry(key("a"), EntryKind.TOP_UP, "10.00")));
        store.inTransaction(tenant, tx -> tx.holds().place(hold("h1", key("a"), "1.00")));
        assertTrue(store.inTransaction(tenant, tx -> tx.holds().expiredBy(NOW)).isEmpty());
        assertEquals(1, store.inTransaction(tenant, tx -> tx.holds().expiredBy(NOW.plusSeconds(3600))).size());
    }

    @Test
    void hold_idIsUnique() {
        open("a", null);
        store.inTransaction(tenant, tx -> tx.holds().place(hold("h1", key("a"), "1.00")));
        assertThrows(DuplicateKeyException.class,
                () -> store.inTransaction(tenant, tx -> tx.holds().place(hold("h1", key("a"), "1.00"))));
    }

    @Test
    @Tag("X-5")
    void hold_makesExactlyOneTerminalTransitionUnderConcurrency() throws Exception {
        open("a", "0");
        store.inTransaction(tenant, tx -> tx.ledger().append(entry(key("a"), EntryKind.TOP_UP, "1000.00")));
        int holds = 20;
        for (int h = 0; h < holds; h++) {
            String id = "h" + h;
            store.inTransaction(tenant, tx -> tx.holds().place(hold(id, key("a"), "10.00")));
        }
        AtomicInteger transitions = new AtomicInteger();
        AtomicInteger captures = new AtomicInteger();
        for (int h = 0; h < holds; h++) {
            String id = "h" + h;
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<Boolean>> racers = new ArrayList<>();
            for (int t = 0; t < threads(); t++) {
                int which = t % 3;
                racers.add(() -> {
                    start.await();
                    boolean won = store.inTransaction(tenant, tx -> {
                        tx.accounts().lock(List.of(key("a")));
                        return switch (which) {
                            case 0 -> tx.holds().capture(id, entry(key("a"), EntryKind.CAPTURE, "-10.00"), NOW).isPresent();
                            case 1 -> tx.holds().settle(id, HoldState.RELEASED, NOW, "releaser", RULE);
                            default -> tx.holds().settle(id, HoldState.EXPIRED, NOW, "sweeper", RULE);
                        };
                    });
                    if (won && which == 0) {
                        captures.incrementAndGet();
                    }
                    return won;
                });
            }
            List<Future<Boolean>> results = new ArrayList<>();
            for (Callable<Boolean> r : racers) {
                results.add(pool.submit(r));
            }
            start.countDown();
            int winners = 0;
            for (Future<Boolean> f : results) {
                winners += f.get() ? 1 : 0;
            }
            assertEquals(1, winners, "hold " + id + " must make exactly one terminal transition");
            transitions.addAndGet(winners);
        }
        assertEquals(holds, transitions.get());
        Account a = account("a");
        assertEquals(0, a.held().signum());
        assertEquals(0, new BigDecimal("1000.00").subtract(BigDecimal.TEN.multiply(BigDecimal.valueOf(captures.get())))
                .compareTo(a.balance()));
        assertEquals(0, a.balance().compareTo(sumOfEntries(key("a"))));
    }

    // ------------------------------------------------------------------ outcomes

    @Test
    @Tag("X-8")
    void outcome_keepsItsActor_andTheActorOfEachOutcomeInTheLog() {
        Outcome anna = new Outcome(Outcome.Status.REJECTED, "test", "k1", false, "conformance", 1, List.of(),
                List.of(new Rejection("PERMISSION_REQUIRED", "test needs x", null)), List.of(), List.of(), List.of(),
                List.of(), Map.of(), NOW, "anna");
        store.inTransaction(tenant, tx -> {
            tx.outcomes().save(new StoredOutcome(IdempotencyKey.of("k1"), "f1", anna));
            tx.outcomes().save(new StoredOutcome(IdempotencyKey.of("k2"), "f2", outcome("k2", "x")));
            return null;
        });
        assertEquals(anna, store.inTransaction(tenant, tx -> tx.outcomes().find(IdempotencyKey.of("k1"))).orElseThrow()
                .outcome());
        assertEquals(List.of("anna", "tester"), store.inTransaction(tenant, tx -> tx.outcomes().all()).stream()
                .map(o -> o.outcome().actor()).toList());
    }

    @Test
    @Tag("X-4")
    void outcome_secondSaveUnderTheSameKeyIsRefused() {
        IdempotencyKey k = IdempotencyKey.of("k1");
        store.inTransaction(tenant, tx -> {
            tx.outcomes().save(new StoredOutcome(k, "f1", outcome("k1", "first")));
            return null;
        });
        assertThrows(DuplicateKeyException.class, () -> store.inTransaction(tenant, tx -> {
            tx.outcomes().save(new StoredOutcome(k, "f2", outcome("k1", "second")));
            return null;
        }));
        assertEquals("first", store.inTransaction(tenant, tx -> tx.outcomes().find(k)).orElseThrow()
                .outcome().values().get("marker"));
        assertEquals(1, store.inTransaction(tenant, tx -> tx.outcomes().all()).size());
    }

    @Test
    @Tag("X-4")
    void outcome_onePerKeyUnderConcurrentSubmission() throws Exception {
        for (int round = 0; round < 10; round++) {
            IdempotencyKey k = IdempotencyKey.of("race-" + round);
            CountDownLatch start = new CountDownLatch(1);
            AtomicInteger stored = new AtomicInteger();
            AtomicReference<String> winner = new AtomicReference<>();
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads(); t++) {
                String marker = "thread-" + t;
                futures.add(pool.submit(() -> {
                    start.await();
                    try {
                        boolean saved = store.inTransaction(tenant, tx -> {
                            if (tx.outcomes().find(k).isPresent()) {
                                return false;
                            }
                            tx.outcomes().save(new StoredOutcome(k, "f", outcome(k.value(), marker)));
                            return true;
                        });
                        if (saved) {
                            stored.incrementAndGet();
                            winner.set(marker);
                        }
                    } catch (DuplicateKeyException lost) {
                        // the other submission won; the stored outcome is theirs
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get();
            }
            assertEquals(1, stored.get(), "exactly one submission stores an outcome for " + k);
            assertEquals(winner.get(), store.inTransaction(tenant, tx -> tx.outcomes().find(k)).orElseThrow()
                    .outcome().values().get("marker"));
        }
    }

    // ------------------------------------------------------------------ transactions

    @Test
    @Tag("X-10")
    void transaction_thatThrowsLeavesNothing() {
        open("a", null);
        assertThrows(IllegalStateException.class, () -> store.inTransaction(tenant, tx -> {
            tx.ledger().append(entry(key("a"), EntryKind.TOP_UP, "10.00"));
            tx.accounts().open(key("b"), null);
            tx.outcomes().save(new StoredOutcome(IdempotencyKey.of("k"), "f", outcome("k", "x")));
            throw new IllegalStateException("boom");
        }));
        assertEquals(0, account("a").balance().signum());
        assertTrue(store.inTransaction(tenant, tx -> tx.ledger().entries(key("a"))).isEmpty());
        assertTrue(store.inTransaction(tenant, tx -> tx.accounts().find(key("b"))).isEmpty());
        assertTrue(store.inTransaction(tenant, tx -> tx.outcomes().find(IdempotencyKey.of("k"))).isEmpty());
    }

    @Test
    @Tag("X-6")
    void transaction_markedRollbackOnlyLeavesNothing() {
        open("a", "0");
        BigDecimal inside = store.inTransaction(tenant, tx -> {
            tx.ledger().append(entry(key("a"), EntryKind.TOP_UP, "10.00"));
            tx.holds().place(hold("h1", key("a"), "3.00"));
            tx.setRollbackOnly();
            return tx.accounts().find(key("a")).orElseThrow().available();
        });
        assertEquals(0, new BigDecimal("7.00").compareTo(inside), "the work sees its own writes");
        Account a = account("a");
        assertEquals(0, a.balance().signum());
        assertEquals(0, a.held().signum());
        assertTrue(store.inTransaction(tenant, tx -> tx.holds().find("h1")).isEmpty());
    }

    @Test
    @Tag("X-5")
    void lock_makesWhatIsReadAfterItCurrent() throws Exception {
        open("a", null);
        store.inTransaction(tenant, tx -> tx.documents().save(new Document("booking", "B1", "c1", "OPEN", DAY, "EUR",
                Map.of(), List.of(), 0)));
        CountDownLatch firstRead = new CountDownLatch(1);
        Future<?> writer = pool.submit(() -> {
            firstRead.await();
            return store.inTransaction(tenant, tx -> {
                Document d = tx.documents().find("booking", "B1").orElseThrow();
                return tx.documents().save(new Document(d.type(), d.id(), d.owner(), "PAID", d.date(), d.currency(),
                        d.attributes(), d.lines(), d.version()));
            });
        });
        AtomicInteger runs = new AtomicInteger();
        AtomicBoolean writerCommitted = new AtomicBoolean();
        store.inTransaction(tenant, tx -> {
            Document before = tx.documents().find("booking", "B1").orElseThrow();
            if (runs.incrementAndGet() == 1) {
                assertEquals("OPEN", before.status());
                firstRead.countDown();
                // A store that runs a tenant's transactions one at a time makes the writer wait for us;
                // one with row locks lets it commit now, and then our reads after lock() must see it
                // (or the store re-runs the work, which then reads it from the start).
                try {
                    writer.get(2, TimeUnit.SECONDS);
                    writerCommitted.set(true);
                } catch (java.util.concurrent.TimeoutException serialised) {
                    writerCommitted.set(false);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
            tx.accounts().lock(List.of(key("a")));
            Document after = tx.documents().find("booking", "B1").orElseThrow();
            if (writerCommitted.get()) {
                assertEquals("PAID", after.status(), "a read after lock() returned a row as read before it");
                assertEquals(2, after.version());
            }
            return null;
        });
        writer.get(30, TimeUnit.SECONDS);
        assertEquals("PAID", store.inTransaction(tenant, tx -> tx.documents().find("booking", "B1")).orElseThrow().status());
    }

    // ------------------------------------------------------------------ locks on keys

    @Test
    @Tag("X-10")
    void locks_refuseANullCollectionOrANullKeyTypedOnEveryStore() {
        LockKey card = LockKey.card("C1");
        List<java.util.function.Consumer<org.loyaltyengine.spi.StoreTransaction>> calls = List.of(
                tx -> tx.locks().lock(null),
                tx -> tx.locks().lock(Arrays.asList((LockKey) null)),
                tx -> tx.locks().lock(Arrays.asList(card, null)),
                tx -> tx.locks().lock(new java.util.HashSet<>(Arrays.asList(null, card))));
        for (int i = 0; i < calls.size(); i++) {
            java.util.function.Consumer<org.loyaltyengine.spi.StoreTransaction> call = calls.get(i);
            InvalidValueException refused = assertThrows(InvalidValueException.class,
                    () -> store.inTransaction(tenant, tx -> {
                        call.accept(tx);
                        return null;
                    }), "call " + i);
            assertEquals("INVALID_VALUE", refused.code(), "call " + i);
        }
        // Refused before anything reached the store: a transaction that catches the refusal goes on,
        // takes the lock it meant, and commits.
        store.inTransaction(tenant, tx -> {
            assertThrows(InvalidValueException.class, () -> tx.locks().lock(Arrays.asList(card, null)));
            tx.locks().lock(List.of(card));
            tx.cards().insert(new Card("C1", "Jan", "Novak", BigDecimal.ONE, false, true, Money.currency("CZK")));
            return null;
        });
        assertEquals("Jan", store.inTransaction(tenant, tx -> tx.cards().find("C1")).orElseThrow().firstName());
        // Nor can a key be spelt hostile: the key itself refuses what no store could compare or index.
        for (String bad : Arrays.asList(null, "", " C1", "C1 ", "C1\u0000", "C1\n", "C1\u202E", "x".repeat(256))) {
            assertThrows(InvalidValueException.class, () -> LockKey.card(bad), "card number " + bad);
            assertThrows(InvalidValueException.class, () -> LockKey.document(bad, "D1"), "document type " + bad);
        }
    }

    @Test
    @Tag("X-10")
    void locks_usedAfterTheirTransactionFailTyped() {
        org.loyaltyengine.spi.Locks escaped = store.inTransaction(tenant, tx -> tx.locks());
        org.loyaltyengine.spi.LoyaltyException late = assertThrows(org.loyaltyengine.spi.LoyaltyException.class,
                () -> escaped.lock(List.of(LockKey.card("C1"))));
        assertEquals("ILLEGAL_STORE_USE", late.code());
    }

    @Test
    @Tag("X-5")
    void locks_theSameKeyTwiceInOneTransactionIsFine() {
        LockKey customer = LockKey.customer("c1");
        store.inTransaction(tenant, tx -> {
            tx.locks().lock(List.of(customer, customer));
            tx.customers().insert(new Customer("c1", "100", "Novak", Map.of()));
            // Again, after a write: the lock is held already, and what this transaction wrote stays.
            tx.locks().lock(List.of(LockKey.customerNumber("100"), customer));
            assertEquals("Novak", tx.customers().find("c1").orElseThrow().name());
            tx.locks().lock(List.of(customer));
            tx.locks().lock(List.of());
            return null;
        });
        assertEquals("Novak", store.inTransaction(tenant, tx -> {
            tx.locks().lock(List.of(customer));
            return tx.customers().find("c1");
        }).orElseThrow().name(), "the lock ended with its transaction, and what it wrote was committed");
    }

    @Test
    @Tag("X-5")
    void locks_aKeyOfADocumentNotCreatedYetIsLockedAndTheDocumentCreatedUnderIt() {
        Document created = store.inTransaction(tenant, tx -> {
            tx.locks().lock(List.of(LockKey.document("sale", "S1")));
            assertTrue(tx.documents().find("sale", "S1").isEmpty(), "locking a key creates no document");
            return tx.documents().save(new Document("sale", "S1", "c1", "OPEN", DAY, "EUR", Map.of(), List.of(), 0));
        });
        assertEquals(1, created.version());
        assertEquals("OPEN", store.inTransaction(tenant, tx -> tx.documents().find("sale", "S1")).orElseThrow()
                .status());
        store.inTransaction(tenant, tx -> {
            tx.locks().lock(List.of(LockKey.document("sale", "S2")));
            return null;
        });
        assertEquals(List.of("S1"), store.inTransaction(tenant, tx -> tx.documents().list("sale", null)).stream()
                .map(Document::id).toList(), "a lock alone leaves no document behind");
    }

    @Test
    @Tag("X-10")
    void locks_theLongestKeysTheContractAllowsAreLockedOnEveryStore() {
        String scope = "s".repeat(org.loyaltyengine.spi.Limits.CODE);
        String name = "\u00e9".repeat(org.loyaltyengine.spi.Limits.IDENTIFIER);
        List<LockKey> keys = Arrays.stream(LockKey.Kind.values()).map(k -> new LockKey(k, scope, name)).toList();
        store.inTransaction(tenant, tx -> {
            tx.locks().lock(keys);
            return null;
        });
        store.inTransaction(tenant, tx -> {
            tx.locks().lock(keys);
            tx.locks().lock(keys);
            return null;
        });
    }

    @Test
    @Tag("X-5")
    void locks_aSecondTransactionLockingTheSameKeyWaitsUntilTheFirstCommits() throws Exception {
        LockKey sale = LockKey.document("sale", "S1");
        // First on a key nobody locked before, then on the same key again.
        secondLockWaitsForTheFirstCommit(sale);
        secondLockWaitsForTheFirstCommit(sale);
        assertEquals(2, store.inTransaction(tenant, tx -> tx.documents().find("sale", "S1")).orElseThrow().version());
    }

    /**
     * The first transaction locks the key and saves the key's document; the second, started once the
     * first holds the lock, locks the same key and reads the document. The order the two note down,
     * and the version the second reads, prove that it waited for the first to commit.
     */
    private void secondLockWaitsForTheFirstCommit(LockKey key) throws Exception {
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch firstHoldsTheLock = new CountDownLatch(1);
        CountDownLatch secondStarts = new CountDownLatch(1);
        CountDownLatch secondHoldsTheLock = new CountDownLatch(1);
        Future<Long> second = pool.submit(() -> {
            assertTrue(firstHoldsTheLock.await(30, TimeUnit.SECONDS), "the first transaction never took its lock");
            secondStarts.countDown();
            return store.inTransaction(tenant, tx -> {
                tx.locks().lock(List.of(key));
                order.add("second holds the lock");
                secondHoldsTheLock.countDown();
                return tx.documents().find(key.scope(), key.name()).map(Document::version).orElse(0L);
            });
        });
        long committed = store.inTransaction(tenant, tx -> {
            tx.locks().lock(List.of(key));
            long version = tx.documents().find(key.scope(), key.name()).map(Document::version).orElse(0L);
            Document saved = tx.documents().save(new Document(key.scope(), key.name(), null, "OPEN", DAY, "EUR",
                    Map.of("version", Long.toString(version + 1)), List.of(), version));
            firstHoldsTheLock.countDown();
            await(secondStarts, 30_000);
            // Half a second for the second transaction to reach its lock: a store whose lock let it
            // through would let it note that down meanwhile. On a machine too loaded for that the test
            // proves less but cannot fail wrongly: the second then simply locks after this commit (a
            // store that runs a tenant's transactions one at a time makes it wait for that anyway).
            await(secondHoldsTheLock, 500);
            order.add("first commits");
            return saved.version();
        });
        long seen = second.get(30, TimeUnit.SECONDS);
        assertEquals(List.of("first commits", "second holds the lock"), order,
                "the second lock of " + key + " waited for the first transaction to commit");
        assertEquals(committed, seen, "after its lock the second transaction reads what the first committed");
    }

    /** Waits up to {@code millis} for the latch; whether it opened is for the caller's assertions to show. */
    private static void await(CountDownLatch latch, long millis) {
        try {
            latch.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Tag("X-5")
    void locks_onDifferentKeysDoNotWaitForEachOther() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(runsATenantsTransactionsAtOnce(),
                "this store runs a tenant's transactions one after the other");
        LockKey mine = LockKey.document("sale", "Caf\u00e9");
        // Other names, scopes and kinds, and names that differ only in case, accents or a trailing
        // character: a store compares lock keys as Java does, and locks each on its own.
        List<LockKey> theirs = List.of(LockKey.document("sale", "Cafe\u0301"), LockKey.document("sale", "caf\u00e9"),
                LockKey.document("sale", "Caf\u00e9."), LockKey.document("sale", "Other"),
                LockKey.document("order", "Caf\u00e9"), LockKey.card("Caf\u00e9"), LockKey.settings("sale"),
                LockKey.customer("Caf\u00e9"), LockKey.customerNumber("Caf\u00e9"), LockKey.program("sale", "Caf\u00e9"));
        // First on keys nobody locked before, then on the same keys again.
        for (int round = 1; round <= 2; round++) {
            String id = "D" + round;
            store.inTransaction(tenant, tx -> {
                tx.locks().lock(List.of(mine));
                Future<Document> other = pool.submit(() -> store.inTransaction(tenant, o -> {
                    o.locks().lock(theirs);
                    return o.documents().save(new Document("order", id, null, "OPEN", DAY, "EUR", Map.of(), List.of(),
                            0));
                }));
                // A store that made the other keys wait for this one would keep the other waiting for this
                // commit, which waits for the other: the generous timeout ends it.
                try {
                    assertEquals(1, other.get(30, TimeUnit.SECONDS).version());
                } catch (java.util.concurrent.TimeoutException waited) {
                    throw new AssertionError("a lock on other keys waited for the transaction holding " + mine, waited);
                } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
            assertTrue(store.inTransaction(tenant, tx -> tx.documents().find("order", id)).isPresent());
        }
    }

    // ------------------------------------------------------------------ what another transaction changed meanwhile

    /**
     * Starts {@code theirs} on another thread while the caller's transaction is open, and gives it half
     * a second: long enough to commit, or to block on the caller's rows (a store that runs a tenant's
     * transactions one at a time makes it wait for the caller's commit). On a machine too loaded for
     * that, the test proves less but cannot fail wrongly: theirs then simply runs after the caller.
     */
    private <T> Future<T> meanwhile(Callable<T> theirs) {
        Future<T> running = pool.submit(theirs);
        try {
            running.get(500, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException waitingForUs) {
            // it goes on once this transaction ends
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return running;
    }

    @Test
    @Tag("X-5")
    void lock_ofAnAccountNotOpenedYetMakesAnotherLockOfItWait() throws Exception {
        // Two commands on a customer whose account is not opened yet must still run one after the
        // other: each may open it, or decide on what the other is changing (a sale locked while its
        // customer is being enrolled). Locking nothing because there is no row yet lets them overlap.
        List<String> order = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Future<Object>> theirs = new AtomicReference<>();
        store.inTransaction(tenant, tx -> {
            assertTrue(tx.accounts().lock(List.of(key("new"))).isEmpty(), "nothing to return for an account not opened");
            if (runs.incrementAndGet() == 1) {
                theirs.set(meanwhile(() -> store.inTransaction(tenant, other -> {
                    other.accounts().lock(List.of(key("new")));
                    order.add("theirs");
                    return null;
                })));
            }
            order.add("mine");
            return null;
        });
        theirs.get().get(30, TimeUnit.SECONDS);
        assertEquals(List.of("mine", "theirs"), order, "the second lock waited for the first transaction");
        assertTrue(store.inTransaction(tenant, tx -> tx.accounts().find(key("new"))).isEmpty(),
                "locking opens no account");
    }

    /**
     * Runs {@code theirs} on another thread while the caller's transaction is open, and waits for it to
     * end where the store runs a tenant's transactions at once; a store that runs them one at a time
     * makes it wait for the caller's commit instead, so it is left to run after.
     */
    private <T> Future<T> committedMeanwhile(Callable<T> theirs) {
        Future<T> running = pool.submit(theirs);
        if (runsATenantsTransactionsAtOnce()) {
            try {
                running.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the other transaction did not commit", e);
            }
        }
        return running;
    }

    /** The transaction's result, or the exception that ended it. */
    private static Object resultOf(Callable<?> transaction) {
        try {
            return transaction.call();
        } catch (Exception e) {
            return e;
        }
    }

    /** What a future came to: its result, or the exception that ended its transaction. */
    private static Object resultOf(Future<?> theirs) {
        try {
            return theirs.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Tag("X-5")
    void settings_aPutFromSettingsChangedSinceTheyWereReadIsRefusedAndTheOtherChangeKept() throws Exception {
        store.inTransaction(tenant, tx -> {
            tx.settings().put("program", Map.of(), Map.of("base", "1"));
            return null;
        });
        AtomicReference<Future<Object>> theirs = new AtomicReference<>();
        Object mine = resultOf(() -> store.inTransaction(tenant, tx -> {
            Map<String, String> read = tx.settings().of("program");
            theirs.set(committedMeanwhile(() -> store.inTransaction(tenant, other -> {
                Map<String, String> before = other.settings().of("program");
                Map<String, String> changed = new java.util.TreeMap<>(before);
                changed.put("theirs", "2");
                other.settings().put("program", before, changed);
                return null;
            })));
            Map<String, String> changed = new java.util.TreeMap<>(read);
            changed.put("mine", "3");
            tx.settings().put("program", read, changed);
            return "put";
        }));
        assertEquals(null, resultOf(theirs.get()));
        Map<String, String> stored = store.inTransaction(tenant, tx -> tx.settings().of("program"));
        if (runsATenantsTransactionsAtOnce()) {
            // The put says what it was made from; the store compares with that and nothing else.
            assertTrue(mine instanceof StaleWriteException, "got " + mine);
            assertEquals(Map.of("base", "1", "theirs", "2"), stored, "the refused put changed nothing");
        } else {
            assertEquals("put", mine);
            assertEquals(Map.of("base", "1", "mine", "3", "theirs", "2"), stored);
        }
        // A put from settings read in an earlier transaction is as stale.
        assertThrows(StaleWriteException.class, () -> store.inTransaction(tenant, tx -> {
            tx.settings().put("program", Map.of("base", "1"), Map.of("stale", "4"));
            return null;
        }));
        assertEquals(stored, store.inTransaction(tenant, tx -> tx.settings().of("program")));
    }

    @Test
    @Tag("X-5")
    void customers_aNumberTakenMeanwhileIsRefusedToTheTransactionThatFoundItFree() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Future<String>> theirs = new AtomicReference<>();
        store.inTransaction(tenant, tx -> {
            tx.customers().insert(new Customer("c1", "100", "First", Map.of()));
            if (runs.incrementAndGet() == 1) {
                theirs.set(meanwhile(() -> store.inTransaction(tenant, other -> {
                    if (other.customers().findByNumber("100").isPresent()) {
                        return "taken";
                    }
                    other.customers().insert(new Customer("c2", "100", "Second", Map.of()));
                    return "saved";
                })));
            }
            return null;
        });
        // Found free, then inserted while the first was inserting it: the unique key refuses it (or the
        // database reports a conflict, and the work, run again, finds the number taken). Never two holders.
        Object other = resultOf(theirs.get());
        assertTrue("taken".equals(other) || other instanceof DuplicateKeyException, "got " + other);
        assertEquals(List.of("c1"), store.inTransaction(tenant, tx -> tx.customers().all()).stream()
                .map(Customer::id).toList());
    }

    @Test
    @Tag("X-5")
    void cards_aNumberTakenMeanwhileIsRefusedToTheTransactionThatFoundItFree() throws Exception {
        Card first = new Card("C1", "Jan", "Novak", BigDecimal.TEN, false, true, Money.currency("CZK"));
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Future<String>> theirs = new AtomicReference<>();
        store.inTransaction(tenant, tx -> {
            tx.cards().insert(first);
            if (runs.incrementAndGet() == 1) {
                theirs.set(meanwhile(() -> store.inTransaction(tenant, other -> {
                    if (other.cards().find("C1").isPresent()) {
                        return "taken";
                    }
                    other.cards().insert(new Card("C1", "Eva", "Other", BigDecimal.ONE, false, true,
                            Money.currency("CZK")));
                    return "inserted";
                })));
            }
            return null;
        });
        Object other = resultOf(theirs.get());
        assertTrue("taken".equals(other) || other instanceof DuplicateKeyException, "got " + other);
        assertEquals(List.of(first), store.inTransaction(tenant, tx -> tx.cards().all()));
    }

    @Test
    @Tag("X-5")
    void documents_oneCreatedMeanwhileIsRefusedToTheTransactionThatFoundNone() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        AtomicReference<Future<String>> theirs = new AtomicReference<>();
        store.inTransaction(tenant, tx -> {
            tx.documents().save(new Document("order", "W1", "c1", "NEW", DAY, "EUR", Map.of("by", "first"),
                    List.of(), 0));
            if (runs.incrementAndGet() == 1) {
                theirs.set(meanwhile(() -> store.inTransaction(tenant, other -> {
                    if (other.documents().find("order", "W1").isPresent()) {
                        return "exists";
                    }
                    other.documents().save(new Document("order", "W1", "c1", "NEW", DAY, "EUR",
                            Map.of("by", "second"), List.of(), 0));
                    return "saved";
                })));
            }
            return null;
        });
        // Saved at version 0 ("there was none") while the first was creating it: refused as stale.
        Object other = resultOf(theirs.get());
        assertTrue("exists".equals(other) || other instanceof StaleWriteException, "got " + other);
        Document stored = store.inTransaction(tenant, tx -> tx.documents().find("order", "W1")).orElseThrow();
        assertEquals(Map.of("by", "first"), stored.attributes());
        assertEquals(1, stored.version());
    }

    @Test
    @Tag("X-5")
    void documents_aSaveFromAVersionChangedSinceItWasReadIsRefusedAndTheOtherChangeKept() throws Exception {
        store.inTransaction(tenant, tx -> tx.documents().save(new Document("catalogue", "P1", null, "OPEN", DAY,
                "EUR", Map.of("base", "1"), List.of(), 0)));
        AtomicReference<Future<Document>> theirs = new AtomicReference<>();
        Object mine = resultOf(() -> store.inTransaction(tenant, tx -> {
            Document read = tx.documents().find("catalogue", "P1").orElseThrow();
            theirs.set(committedMeanwhile(() -> store.inTransaction(tenant, other -> {
                Document d = other.documents().find("catalogue", "P1").orElseThrow();
                return other.documents().save(with(d, "theirs", "2"));
            })));
            return tx.documents().save(with(read, "mine", "3"));
        }));
        assertTrue(resultOf(theirs.get()) instanceof Document);
        Document stored = store.inTransaction(tenant, tx -> tx.documents().find("catalogue", "P1")).orElseThrow();
        if (runsATenantsTransactionsAtOnce()) {
            // Saved from version 1, which the other transaction replaced by 2: the save is refused.
            assertTrue(mine instanceof StaleWriteException, "got " + mine);
            assertEquals(Map.of("base", "1", "theirs", "2"), stored.attributes(), "the refused save changed nothing");
            assertEquals(2, stored.version());
        } else {
            assertTrue(mine instanceof Document, "got " + mine);
            assertEquals(Map.of("base", "1", "mine", "3", "theirs", "2"), stored.attributes());
            assertEquals(3, stored.version());
        }
        // A save from a version read in an earlier transaction is refused alike: a stale read is a stale read.
        assertThrows(StaleWriteException.class, () -> store.inTransaction(tenant,
                tx -> tx.documents().save(with(new Document("catalogue", "P1", null, "OPEN", DAY, "EUR", Map.of(),
                        List.of(), 1), "stale", "4"))));
        assertEquals(stored, store.inTransaction(tenant, tx -> tx.documents().find("catalogue", "P1")).orElseThrow());
    }

    @Test
    @Tag("X-5")
    void documents_aSaveCarriesTheReadItDecidedOn_soOneCreatedSinceIsNotOverwritten() throws Exception {
        // A caller decides on its read ("not there yet") and saves at version 0, the version of that read.
        // The store compares with the version the save carries, so a document another transaction created
        // after that read is never overwritten: the save is refused, or ran before the other looked.
        AtomicReference<Future<String>> theirs = new AtomicReference<>();
        Object mine = resultOf(() -> store.inTransaction(tenant, tx -> {
            Optional<Document> read = tx.documents().find("sale", "D1");
            theirs.set(committedMeanwhile(() -> store.inTransaction(tenant, other -> {
                if (other.documents().find("sale", "D1").isPresent()) {
                    return "exists";
                }
                other.documents().save(new Document("sale", "D1", "c1", "LOCKED", DAY, "EUR",
                        Map.of("by", "theirs"), List.of(), 0));
                return "saved";
            })));
            if (read.isPresent()) {
                return "exists";
            }
            tx.documents().save(new Document("sale", "D1", "c1", "LOCKED", DAY, "EUR", Map.of("by", "mine"),
                    List.of(), 0));
            return "saved";
        }));
        Object other = resultOf(theirs.get());
        Document stored = store.inTransaction(tenant, tx -> tx.documents().find("sale", "D1")).orElseThrow();
        assertEquals(1, stored.version(), "created once");
        if (runsATenantsTransactionsAtOnce()) {
            assertEquals("saved", other);
            assertTrue(mine instanceof StaleWriteException, "got " + mine);
            assertEquals("theirs", stored.attribute("by").orElseThrow());
        } else {
            assertEquals("saved", mine);
            assertEquals("exists", other);
            assertEquals("mine", stored.attribute("by").orElseThrow());
        }
    }

    @Test
    @Tag("X-5")
    void customers_anUpdateFromACustomerChangedSinceItWasReadIsRefusedAndTheOtherChangeKept() throws Exception {
        store.inTransaction(tenant, tx -> {
            tx.customers().insert(new Customer("c1", "100", "Novak", Map.of("base", "1")));
            return null;
        });
        AtomicReference<Future<Object>> theirs = new AtomicReference<>();
        Object mine = resultOf(() -> store.inTransaction(tenant, tx -> {
            Customer read = tx.customers().find("c1").orElseThrow();
            theirs.set(committedMeanwhile(() -> store.inTransaction(tenant, other -> {
                Customer c = other.customers().findByNumber("100").orElseThrow();
                other.customers().update(c, withAttribute(c, "theirs", "2"));
                return null;
            })));
            tx.customers().update(read, withAttribute(read, "mine", "3"));
            return "updated";
        }));
        assertEquals(null, resultOf(theirs.get()));
        Customer stored = store.inTransaction(tenant, tx -> tx.customers().find("c1")).orElseThrow();
        if (runsATenantsTransactionsAtOnce()) {
            assertTrue(mine instanceof StaleWriteException, "got " + mine);
            assertEquals(Map.of("base", "1", "theirs", "2"), stored.attributes(), "the refused update changed nothing");
        } else {
            assertEquals("updated", mine);
            assertEquals(Map.of("base", "1", "mine", "3", "theirs", "2"), stored.attributes());
        }
        // An update from a customer read in an earlier transaction is as stale.
        Customer old = new Customer("c1", "100", "Novak", Map.of("base", "1"));
        assertThrows(StaleWriteException.class, () -> store.inTransaction(tenant, tx -> {
            tx.customers().update(old, withAttribute(old, "stale", "4"));
            return null;
        }));
        assertEquals(stored, store.inTransaction(tenant, tx -> tx.customers().find("c1")).orElseThrow());
    }

    @Test
    @Tag("X-5")
    void cards_anUpdateFromACardChangedSinceItWasReadIsRefusedAndTheOtherChangeKept() throws Exception {
        Card original = new Card("C1", "Jan", "Novak", BigDecimal.TEN, false, true, Money.currency("CZK"));
        store.inTransaction(tenant, tx -> {
            tx.cards().insert(original);
            return null;
        });
        AtomicReference<Future<Object>> theirs = new AtomicReference<>();
        Object mine = resultOf(() -> store.inTransaction(tenant, tx -> {
            Card read = tx.cards().find("C1").orElseThrow();
            theirs.set(committedMeanwhile(() -> store.inTransaction(tenant, other -> {
                Card c = other.cards().find("C1").orElseThrow();
                other.cards().update(c, new Card(c.number(), c.firstName(), c.lastName(), new BigDecimal("5"),
                        c.creditDrawing(), c.loadOntoCard(), c.currency()));
                return null;
            })));
            tx.cards().update(read, new Card(read.number(), "Jana", read.lastName(), read.discountPercent(),
                    read.creditDrawing(), read.loadOntoCard(), read.currency()));
            return "updated";
        }));
        assertEquals(null, resultOf(theirs.get()));
        Card stored = store.inTransaction(tenant, tx -> tx.cards().find("C1")).orElseThrow();
        assertEquals(0, new BigDecimal("5").compareTo(stored.discountPercent()), "the other's discount is kept");
        if (runsATenantsTransactionsAtOnce()) {
            assertTrue(mine instanceof StaleWriteException, "got " + mine);
            assertEquals("Jan", stored.firstName(), "the refused update changed nothing");
        } else {
            assertEquals("updated", mine);
            assertEquals("Jana", stored.firstName());
        }
        // An update from a card read in an earlier transaction is as stale, whatever the discount's scale.
        assertThrows(StaleWriteException.class, () -> store.inTransaction(tenant, tx -> {
            tx.cards().update(original, new Card("C1", "Eva", "Novak", BigDecimal.ONE, false, true, Money.currency("CZK")));
            return null;
        }));
        assertEquals(stored, store.inTransaction(tenant, tx -> tx.cards().find("C1")).orElseThrow());
        // One read with another scale of the same discount is the same card: the update goes through.
        store.inTransaction(tenant, tx -> {
            tx.cards().update(new Card(stored.number(), stored.firstName(), stored.lastName(),
                    stored.discountPercent().setScale(4), stored.creditDrawing(), stored.loadOntoCard(),
                    stored.currency()), new Card("C1", "Eva", "Novak", BigDecimal.ONE, false, true, Money.currency("CZK")));
            return null;
        });
        assertEquals("Eva", store.inTransaction(tenant, tx -> tx.cards().find("C1")).orElseThrow().firstName());
    }

    private static Customer withAttribute(Customer c, String key, String value) {
        Map<String, String> attributes = new java.util.TreeMap<>(c.attributes());
        attributes.put(key, value);
        return new Customer(c.id(), c.number(), c.name(), attributes);
    }

    private static Document with(Document d, String key, String value) {
        Map<String, String> attributes = new java.util.TreeMap<>(d.attributes());
        attributes.put(key, value);
        return new Document(d.type(), d.id(), d.owner(), d.status(), d.date(), d.currency(), attributes, d.lines(),
                d.version());
    }

    // ------------------------------------------------------------------ tenants

    @Test
    @Tag("X-7")
    void tenants_areInvisibleToEachOther() {
        TenantId other = freshTenant();
        open("a", null);
        store.inTransaction(tenant, tx -> {
            tx.ledger().append(entry(key("a"), EntryKind.TOP_UP, "10.00"));
            tx.holds().place(hold("h1", key("a"), "1.00"));
            tx.outcomes().save(new StoredOutcome(IdempotencyKey.of("k"), "f", outcome("k", "x")));
            tx.cards().insert(new Card("C1", "Jan", "Novak", BigDecimal.TEN, false, true, Money.currency("CZK")));
            tx.customers().insert(new Customer("cust-1", "100", "Novak", Map.of()));
            tx.documents().save(new Document("receipt", "R1", null, "OPEN", DAY, "CZK", Map.of(), List.of(), 0));
            tx.settings().put("pos-card", Map.of(), Map.of("x", "1"));
            return null;
        });
        store.inTransaction(other, tx -> {
            assertTrue(tx.accounts().find(key("a")).isEmpty());
            assertTrue(tx.accounts().ofProgram("conformance").isEmpty());
            assertTrue(tx.ledger().entries(key("a")).isEmpty());
            assertTrue(tx.ledger().ofDocument("doc-1").isEmpty());
            assertTrue(tx.holds().find("h1").isEmpty());
            assertTrue(tx.outcomes().find(IdempotencyKey.of("k")).isEmpty());
            assertTrue(tx.cards().find("C1").isEmpty());
            assertTrue(tx.customers().find("cust-1").isEmpty());
            assertTrue(tx.customers().findByNumber("100").isEmpty());
            assertTrue(tx.documents().find("receipt", "R1").isEmpty());
            assertTrue(tx.settings().of("pos-card").isEmpty());
            // the same keys are free in the other tenant
            tx.cards().insert(new Card("C1", "Eva", "Other", BigDecimal.ONE, false, false, Money.currency("CZK")));
            tx.customers().insert(new Customer("cust-9", "100", "Other", Map.of()));
            tx.outcomes().save(new StoredOutcome(IdempotencyKey.of("k"), "g", outcome("k", "y")));
            return null;
        });
        assertEquals("Jan", store.inTransaction(tenant, tx -> tx.cards().find("C1").orElseThrow().firstName()));
    }

    // ------------------------------------------------------------------ master data

    @Test
    @Tag("PC-1")
    void cards_numberIsUniqueInATenant() {
        Card card = new Card("C1", "Jan", "Novak", BigDecimal.TEN, false, true, Money.currency("CZK"));
        store.inTransaction(tenant, tx -> {
            tx.cards().insert(card);
            return null;
        });
        assertThrows(DuplicateKeyException.class, () -> store.inTransaction(tenant, tx -> {
            tx.cards().insert(card);
            return null;
        }));
        Card changed = new Card("C1", "Jan", "Novak", BigDecimal.ONE, true, true, Money.currency("CZK"));
        store.inTransaction(tenant, tx -> {
            tx.cards().update(card, changed);
            return null;
        });
        assertEquals(List.of(changed), store.inTransaction(tenant, tx -> tx.cards().all()));
    }

    @Test
    @Tag("CU-2")
    void customers_numberIsUniqueInATenant() {
        store.inTransaction(tenant, tx -> {
            tx.customers().insert(new Customer("c1", "100", "First", Map.of()));
            tx.customers().insert(new Customer("c2", null, "No number", Map.of()));
            tx.customers().insert(new Customer("c3", null, "No number either", Map.of()));
            return null;
        });
        assertThrows(DuplicateKeyException.class, () -> store.inTransaction(tenant, tx -> {
            tx.customers().insert(new Customer("c4", "100", "Second", Map.of()));
            return null;
        }));
        store.inTransaction(tenant, tx -> {
            tx.customers().update(new Customer("c1", "100", "First", Map.of()),
                    new Customer("c1", "100", "First, renamed", Map.of("email", "a@b.cz")));
            return null;
        });
        assertEquals("First, renamed", store.inTransaction(tenant, tx -> tx.customers().findByNumber("100"))
                .orElseThrow().name());
        assertEquals(3, store.inTransaction(tenant, tx -> tx.customers().all()).size());
    }

    @Test
    @Tag("CU-1")
    void customers_allInTheOrderFirstSavedAndCardsByNumber() {
        store.inTransaction(tenant, tx -> {
            tx.customers().insert(new Customer("cz", null, "Zeman", Map.of()));
            tx.customers().insert(new Customer("ca", "2", "Adam", Map.of()));
            tx.cards().insert(new Card("30", "Jan", "Novak", BigDecimal.ONE, false, true, Money.currency("CZK")));
            tx.cards().insert(new Card("100", "Eva", "Novak", BigDecimal.ONE, false, true, Money.currency("CZK")));
            return null;
        });
        store.inTransaction(tenant, tx -> {
            tx.customers().insert(new Customer("cm", "1", "Marek", Map.of()));
            tx.customers().update(new Customer("cz", null, "Zeman", Map.of()), new Customer("cz", "3", "Zeman, renamed", Map.of()));
            tx.cards().insert(new Card("20", "Petr", "Novak", BigDecimal.ONE, false, true, Money.currency("CZK")));
            return null;
        });
        assertEquals(List.of("cz", "ca", "cm"), store.inTransaction(tenant, tx -> tx.customers().all()).stream()
                .map(Customer::id).toList());
        assertEquals(List.of("100", "20", "30"), store.inTransaction(tenant, tx -> tx.cards().all()).stream()
                .map(Card::number).toList());
    }

    @Test
    @Tag("CU-2")
    void customers_aChangedNumberFollowsTheCustomerAndARollbackRestoresIt() {
        store.inTransaction(tenant, tx -> {
            tx.customers().insert(new Customer("c1", "100", "First", Map.of()));
            tx.customers().update(new Customer("c1", "100", "First", Map.of()), new Customer("c1", "200", "First", Map.of()));
            return null;
        });
        store.inTransaction(tenant, tx -> {
            assertTrue(tx.customers().findByNumber("100").isEmpty());
            assertEquals("c1", tx.customers().findByNumber("200").orElseThrow().id());
            tx.customers().insert(new Customer("c2", "100", "Takes the freed number", Map.of()));
            return null;
        });
        store.inTransaction(tenant, tx -> {
            tx.customers().update(new Customer("c1", "200", "First", Map.of()), new Customer("c1", "300", "First", Map.of()));
            tx.setRollbackOnly();
            return null;
        });
        store.inTransaction(tenant, tx -> {
            assertEquals("c1", tx.customers().findByNumber("200").orElseThrow().id());
            assertTrue(tx.customers().findByNumber("300").isEmpty());
            assertEquals("c2", tx.customers().findByNumber("100").orElseThrow().id());
            return null;
        });
    }

    @Test
    @Tag("CU-7")
    void customers_foundByEmailWithoutBlanksOrCase_inIdOrder_asTheyAreNow() {
        TenantId other = TenantId.of(tenant.value() + "-x");
        store.inTransaction(other, tx -> {
            tx.customers().insert(new Customer("o1", null, "Other tenant", Map.of("email", "eva@bos.nl")));
            return null;
        });
        store.inTransaction(tenant, tx -> {
            tx.customers().insert(new Customer("c2", null, "Eva", Map.of("email", " Eva@Bos.NL ")));
            tx.customers().insert(new Customer("c1", "100", "Eva too", Map.of("email", "eva@bos.nl")));
            tx.customers().insert(new Customer("c3", null, "Jan", Map.of("email", "jan@bos.nl")));
            tx.customers().insert(new Customer("c4", null, "No address", Map.of()));
            // seen in the transaction that saved them
            assertEquals(List.of("c1", "c2"), tx.customers().findByEmail("EVA@bos.nl").stream().map(Customer::id).toList());
            return null;
        });
        assertEquals(List.of("c1", "c2"), store.inTransaction(tenant, tx -> tx.customers().findByEmail("  eva@BOS.nl")
                .stream().map(Customer::id).toList()));
        assertEquals(List.of(), store.inTransaction(tenant, tx -> tx.customers().findByEmail("eva@bos.n")));
        assertEquals(List.of(), store.inTransaction(tenant, tx -> tx.customers().findByEmail(null)));
        assertEquals(List.of(), store.inTransaction(tenant, tx -> tx.customers().findByEmail("  ")));
        // a changed address follows the customer; a rolled-back change leaves it as it was
        store.inTransaction(tenant, tx -> {
            tx.customers().update(new Customer("c1", "100", "Eva too", Map.of("email", "eva@bos.nl")),
                    new Customer("c1", "100", "Eva too", Map.of("email", "jan@bos.nl")));
            return null;
        });
        store.inTransaction(tenant, tx -> {
            tx.customers().update(new Customer("c3", null, "Jan", Map.of("email", "jan@bos.nl")),
                    new Customer("c3", null, "Jan", Map.of()));
            tx.setRollbackOnly();
            return null;
        });
        assertEquals(List.of("c2"), store.inTransaction(tenant, tx -> tx.customers().findByEmail("eva@bos.nl")
                .stream().map(Customer::id).toList()));
        assertEquals(List.of("c1", "c3"), store.inTransaction(tenant, tx -> tx.customers().findByEmail("jan@bos.nl")
                .stream().map(Customer::id).toList()));
    }

    @Test
    void documents_refuseALostUpdate() {
        Document d0 = new Document("receipt", "R1", "C1", "OPEN", DAY, "CZK", Map.of("card", "C1"),
                List.of(new DocumentLine("1", "beer", BigDecimal.ONE, new BigDecimal("45.00"), Map.of())), 0);
        Document d1 = store.inTransaction(tenant, tx -> tx.documents().save(d0));
        assertEquals(1, d1.version());
        Document paid = new Document(d1.type(), d1.id(), d1.owner(), "PAID", d1.date(), d1.currency(),
                d1.attributes(), d1.lines(), d1.version());
        store.inTransaction(tenant, tx -> tx.documents().save(paid));
        assertThrows(org.loyaltyengine.spi.InvalidValueException.class,
                () -> store.inTransaction(tenant, tx -> tx.documents().save(paid)));
        Document read = store.inTransaction(tenant, tx -> tx.documents().find("receipt", "R1")).orElseThrow();
        assertEquals("PAID", read.status());
        assertEquals(d0.lines(), read.lines());
        assertEquals(List.of(read), store.inTransaction(tenant, tx -> tx.documents().list("receipt", "C1")));
        assertTrue(store.inTransaction(tenant, tx -> tx.documents().list("receipt", "other")).isEmpty());
    }

    @Test
    void settings_roundTrip() {
        store.inTransaction(tenant, tx -> {
            tx.settings().put("pos-card", Map.of(), Map.of("holdMinutes", "30", "currency", "CZK"));
            return null;
        });
        assertEquals(Map.of("holdMinutes", "30", "currency", "CZK"),
                store.inTransaction(tenant, tx -> tx.settings().of("pos-card")));
    }
    // ------------------------------------------------------------------ the input contract

    @Test
    @Tag("X-10")
    @Tag("X-9")
    void inputContract_everyStoreAcceptsAndRefusesExactlyTheSameValues() {
        List<String> mismatches = InputContractCases.mismatches(store);
        assertEquals("", String.join("\n", mismatches), mismatches.size() + " of "
                + InputContractCases.all().size() + " cases went otherwise than the input contract says");
    }

    /**
     * Each attribute value within its limit, but 2,100 of them: 21 million characters, some 42 MB as
     * UTF-8, more than MariaDB takes in one packet (16 MB by default). One record's text is bounded as a
     * whole, so every store refuses it alike, typed, and keeps nothing, instead of the in-memory store,
     * H2 and PostgreSQL keeping it and MariaDB failing.
     */
    @Test
    @Tag("X-10")
    void inputContract_aRecordWhoseTextExceedsWhatOneRowHoldsIsRefusedOnEveryStore() {
        String value = "\u00e9".repeat(10_000);
        Map<String, String> attributes = new java.util.HashMap<>();
        List<DocumentLine> lines = new ArrayList<>();
        for (int i = 0; i < 2_100; i++) {
            attributes.put("field" + i, value);
            lines.add(new DocumentLine("l" + i, null, BigDecimal.ONE, BigDecimal.ONE, Map.of("note", value)));
        }
        assertThrows(org.loyaltyengine.spi.InvalidValueException.class, () -> store.inTransaction(tenant, tx -> {
            tx.customers().insert(new Customer("huge", null, "Huge", attributes));
            return null;
        }));
        assertThrows(org.loyaltyengine.spi.InvalidValueException.class, () -> store.inTransaction(tenant, tx -> {
            tx.documents().save(new Document("sale", "huge", null, "OPEN", LocalDate.of(2026, 1, 1), "EUR",
                    Map.of(), lines, 0));
            return null;
        }));
        assertTrue(store.inTransaction(tenant, tx -> tx.customers().find("huge")).isEmpty());
        assertTrue(store.inTransaction(tenant, tx -> tx.documents().find("sale", "huge")).isEmpty());
    }

    @Test
    @Tag("X-7")
    @Tag("X-4")
    void identifiers_thatDifferOnlyInCaseAccentsSpacingOrATrailingCharacterStayDistinct() {
        String base = "Shop" + UUID.randomUUID().toString().substring(0, 8);
        // NFC and NFD spellings of the same accented letter, and keys that differ in case, inner
        // spacing or a trailing character the contract allows: a store compares them as Java does.
        List<String> variants = List.of(base, base.toLowerCase(), base.toUpperCase(), base + "\u00e9",
                base + "e\u0301", base + ".", base + "-", "a b" + base, "a  b" + base);
        List<TenantId> tenants = variants.stream().map(TenantId::of).toList();
        for (int i = 0; i < variants.size(); i++) {
            String v = variants.get(i);
            String name = "n" + i;
            String amount = (i + 1) + ".00";
            store.inTransaction(tenants.get(i), tx -> {
                tx.cards().insert(new Card(v, name, "x", BigDecimal.ONE, false, true, Money.currency("CZK")));
                return null;
            });
            store.inTransaction(tenant, tx -> {
                tx.cards().insert(new Card(v, name, "x", BigDecimal.ONE, false, true, Money.currency("CZK")));
                tx.customers().insert(new Customer("id-" + v, v, name, Map.of()));
                tx.outcomes().save(new StoredOutcome(IdempotencyKey.of(v), "f", outcome(v, name)));
                tx.documents().save(new Document("receipt", v, null, name, DAY, "CZK", Map.of(), List.of(), 0));
                tx.accounts().open(key(v), null);
                tx.ledger().append(entry(key(v), EntryKind.TOP_UP, amount));
                return null;
            });
        }
        for (int i = 0; i < variants.size(); i++) {
            String v = variants.get(i);
            String name = "n" + i;
            BigDecimal amount = new BigDecimal((i + 1) + ".00");
            assertEquals(List.of(name), store.inTransaction(tenants.get(i), tx -> tx.cards().all()).stream()
                    .map(Card::firstName).toList(), "tenant '" + v + "'");
            store.inTransaction(tenant, tx -> {
                assertEquals(name, tx.cards().find(v).orElseThrow().firstName(), "card '" + v + "'");
                assertEquals(name, tx.customers().findByNumber(v).orElseThrow().name(), "customer number '" + v + "'");
                assertEquals(name, tx.outcomes().find(IdempotencyKey.of(v)).orElseThrow().outcome().values()
                        .get("marker"), "idempotency key '" + v + "'");
                assertEquals(name, tx.documents().find("receipt", v).orElseThrow().status(), "document '" + v + "'");
                assertEquals(0, amount.compareTo(tx.accounts().find(key(v)).orElseThrow().balance()),
                        "account owner '" + v + "'");
                return null;
            });
        }
        store.inTransaction(tenant, tx -> {
            assertEquals(variants.size(), tx.cards().all().size());
            assertEquals(variants.size(), tx.customers().all().size());
            assertEquals(variants.size(), tx.outcomes().all().size());
            assertEquals(variants.size(), tx.accounts().ofProgram("conformance").size());
            return null;
        });
    }
    @Test
    @Tag("X-10")
    void lookups_byAKeyTheContractRefusesFindNothingOnEveryStore() {
        open("a", null);
        store.inTransaction(tenant, tx -> {
            tx.ledger().append(entry(key("a"), EntryKind.TOP_UP, "10.00"));
            tx.holds().place(Hold.pending("h1", key("a"), BigDecimal.ONE, null, null, NOW, null, "tester", RULE));
            tx.cards().insert(new Card("4242", "Jan", "Novak", BigDecimal.ONE, false, true, Money.currency("CZK")));
            tx.customers().insert(new Customer("c1", "100", "Novak", Map.of()));
            tx.documents().save(new Document("receipt", "R1", "c1", "OPEN", DAY, "CZK", Map.of(), List.of(), 0));
            tx.settings().put("pos-card", Map.of(), Map.of("x", "1"));
            return null;
        });
        // PostgreSQL refused a NUL in a query parameter with a raw DataException; the others answered empty.
        for (String bad : Arrays.asList(null, "", "4242 ", " 4242", "42\u000042", "R1\n", "c1\u202E", "x".repeat(300))) {
            store.inTransaction(tenant, tx -> {
                assertTrue(tx.cards().find(bad).isEmpty(), "card " + bad);
                assertTrue(tx.customers().find(bad).isEmpty(), "customer " + bad);
                assertTrue(tx.customers().findByNumber(bad).isEmpty(), "customer number " + bad);
                assertTrue(tx.documents().find("receipt", bad).isEmpty(), "document " + bad);
                assertTrue(tx.documents().find(bad, "R1").isEmpty(), "document type " + bad);
                assertTrue(tx.documents().list(bad, null).isEmpty(), "documents of type " + bad);
                assertTrue(tx.documents().list("receipt", bad == null ? "-" : bad).isEmpty(), "documents of " + bad);
                assertTrue(tx.ledger().ofDocument(bad).isEmpty(), "entries of " + bad);
                assertTrue(tx.holds().find(bad).isEmpty(), "hold " + bad);
                assertTrue(tx.holds().ofDocument(bad).isEmpty(), "holds of " + bad);
                assertTrue(tx.settings().of(bad).isEmpty(), "settings of " + bad);
                assertTrue(tx.accounts().ofProgram(bad).isEmpty(), "accounts of " + bad);
                return null;
            });
        }
        // And the transaction is still good: what is there is found.
        assertEquals("Jan", store.inTransaction(tenant, tx -> tx.cards().find("4242").orElseThrow().firstName()));
    }
    @Test
    @Tag("X-10")
    void repositories_refuseNullArgumentsTypedOnEveryStore() {
        List<java.util.function.Consumer<org.loyaltyengine.spi.StoreTransaction>> calls = List.of(
                tx -> tx.accounts().find(null),
                tx -> tx.accounts().open(null, null),
                tx -> tx.accounts().lock(null),
                tx -> tx.accounts().lock(Arrays.asList(key("a"), null)),
                tx -> tx.ledger().append(null),
                tx -> tx.ledger().entries(null),
                tx -> tx.holds().place(null),
                tx -> tx.holds().pending(null),
                tx -> tx.holds().expiredBy(null),
                tx -> tx.holds().expiredBy(Instant.MAX),
                tx -> tx.holds().settle("h1", HoldState.RELEASED, null, "tester", RULE),
                tx -> tx.holds().settle("h1", HoldState.RELEASED, NOW, "tester\n", RULE),
                tx -> tx.holds().capture("h1", null, NOW),
                tx -> tx.outcomes().find(null),
                tx -> tx.outcomes().save(null),
                tx -> tx.documents().save(null),
                tx -> tx.settings().put(null, Map.of(), Map.of()),
                tx -> tx.settings().put("p\u0000", Map.of(), Map.of()),
                tx -> tx.settings().put("p", null, Map.of()),
                tx -> tx.cards().insert(null),
                tx -> tx.cards().update(null, null),
                tx -> tx.customers().insert(null),
                tx -> tx.customers().update(null, null));
        for (int i = 0; i < calls.size(); i++) {
            java.util.function.Consumer<org.loyaltyengine.spi.StoreTransaction> call = calls.get(i);
            assertThrows(org.loyaltyengine.spi.InvalidValueException.class, () -> store.inTransaction(tenant, tx -> {
                call.accept(tx);
                return null;
            }), "call " + i);
        }
        assertThrows(org.loyaltyengine.spi.InvalidValueException.class, () -> store.inTransaction(null, tx -> 1));
        assertThrows(org.loyaltyengine.spi.InvalidValueException.class, () -> store.inTransaction(tenant, null));
    }
    @Test
    @Tag("X-10")
    void misuse_aNestedTransactionOrARepositoryUsedAfterItsTransactionFailsTyped() {
        org.loyaltyengine.spi.LoyaltyException nested = assertThrows(org.loyaltyengine.spi.LoyaltyException.class,
                () -> store.inTransaction(tenant, tx -> store.inTransaction(tenant, inner -> 1)));
        assertEquals("ILLEGAL_STORE_USE", nested.code());
        org.loyaltyengine.spi.Cards escaped = store.inTransaction(tenant, tx -> tx.cards());
        org.loyaltyengine.spi.LoyaltyException late = assertThrows(org.loyaltyengine.spi.LoyaltyException.class,
                () -> escaped.find("4242"));
        assertEquals("ILLEGAL_STORE_USE", late.code());
    }
}

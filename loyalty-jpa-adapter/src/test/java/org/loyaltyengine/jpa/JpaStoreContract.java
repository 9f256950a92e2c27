package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoreException;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.conformance.LoyaltyStoreConformance;
import org.loyaltyengine.testing.AuditContract;
import org.loyaltyengine.testing.HostileCorpusContract;
import org.loyaltyengine.testing.CommandLogContract;
import org.loyaltyengine.testing.PermissionsContract;
import org.loyaltyengine.testing.card.CustomerCardContract;
import org.loyaltyengine.testing.card.CustomerCardLocksContract;
import org.loyaltyengine.testing.card.CustomerCardSettlementReversalContract;
import org.loyaltyengine.testing.credits.CreditConsumptionContract;
import org.loyaltyengine.testing.credits.CreditCorrectionsContract;
import org.loyaltyengine.testing.credits.CreditReportsContract;
import org.loyaltyengine.testing.credits.CreditReturnsContract;
import org.loyaltyengine.testing.credits.CreditSalesContract;
import org.loyaltyengine.testing.credits.CreditTypesContract;
import org.loyaltyengine.testing.customers.CustomerImportContract;
import org.loyaltyengine.testing.customers.CustomerRegistryContract;
import org.loyaltyengine.testing.points.SavingsPointsContract;
import org.loyaltyengine.testing.points.SavingsPointsRacesContract;
import org.loyaltyengine.testing.pos.PlantedCardRowsContract;
import org.loyaltyengine.testing.pos.PosCardContract;
import org.loyaltyengine.testing.pos.PosRefundContract;
import org.loyaltyengine.testing.pos.PosVoucherContract;
import org.loyaltyengine.testing.rules.RuleSafetyContract;

/**
 * Everything the JPA store must prove on one database: the SPI conformance suite and every program
 * suite of the engine (POS card, customer card, savings points, customers, prepaid credits), unchanged, and the
 * adapter's own guards under contention, key races, hold races, deadlocks and lost connections.
 * Each database's test class only names the database with {@link OnDatabase}.
 */
abstract class JpaStoreContract {

    TestDatabase database() {
        return getClass().getAnnotation(OnDatabase.class).value();
    }

    static TenantId freshTenant() {
        return TenantId.of("jpa-" + UUID.randomUUID().toString().substring(0, 18));
    }

    /** The SPI conformance suite from loyalty-testing, unchanged. */
    @Nested
    @Tag("X-2")
    class Conformance extends LoyaltyStoreConformance {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }

        /** Row locks: a tenant's transactions run at once, and wait only for the rows they share. */
        @Override
        protected boolean runsATenantsTransactionsAtOnce() {
            return true;
        }
    }

    /** Runaway and failing rules leave this database as it was (from loyalty-testing). */
    @Nested
    @Tag("X-11")
    class RuleSafetySuite extends RuleSafetyContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's whole POS card suite (from loyalty-testing), unchanged, on this database. */
    @Nested
    @Tag("PC-1")
    class PosCardSuite extends PosCardContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's POS refund suite (from loyalty-testing), unchanged, on this database. */
    @Nested
    @Tag("X-13")
    class PosRefundSuite extends PosRefundContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's voucher suite (from loyalty-testing), unchanged, on this database. */
    @Nested
    @Tag("PC-12")
    class PosVoucherSuite extends PosVoucherContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's command log suite (from loyalty-testing), unchanged, on this database. */
    @Nested
    @Tag("X-11")
    class CommandLogSuite extends CommandLogContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's customer card suite (from loyalty-testing), unchanged, on this database. */
    @Nested
    @Tag("CC-5")
    class CustomerCardSuite extends CustomerCardContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's customer card locks: two customers' commands side by side, one customer's one by one. */
    @Nested
    @Tag("CC-12")
    class CustomerCardSettlementReversalSuite extends CustomerCardSettlementReversalContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    @Nested
    @Tag("X-5")
    class CustomerCardLocksSuite extends CustomerCardLocksContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }

        /** Row locks: a tenant's transactions run at once, and wait only for the keys they share. */
        @Override
        protected boolean runsATenantsTransactionsAtOnce() {
            return true;
        }
    }

    /** The engine's savings points suite, unchanged, on this database. */
    @Nested
    @Tag("SP-1")
    class SavingsPointsSuite extends SavingsPointsContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's savings points races: commands on one ledger decide as one after the other, on this database. */
    @Nested
    @Tag("X-5")
    class SavingsPointsRacesSuite extends SavingsPointsRacesContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's customer registry suite, unchanged, on this database. */
    @Nested
    @Tag("CU-1")
    class CustomerRegistrySuite extends CustomerRegistryContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's customer import suite, unchanged, on this database. */
    @Nested
    @Tag("CU-3")
    class CustomerImportSuite extends CustomerImportContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's permission suite: every command's declared permission, enforced on this database. */
    @Nested
    @Tag("X-8")
    class PermissionsSuite extends PermissionsContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's audit trail suite, unchanged, on this database. */
    @Nested
    @Tag("X-8")
    class AuditSuite extends AuditContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The engine's hostile corpus, unchanged, on this database: every input refused, the tenant unchanged. */
    @Nested
    @Tag("X-10")
    class HostileCorpusSuite extends HostileCorpusContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The prepaid credits suite (from loyalty-testing), unchanged, on this database: credit types, who uses credits, permissions, audit and idempotency. */
    @Nested
    @Tag("CR-1")
    class CreditTypesSuite extends CreditTypesContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The prepaid credits suite (from loyalty-testing), unchanged, on this database: sales in lots, reservation, validity and the portfolio. */
    @Nested
    @Tag("CR-3")
    class CreditSalesSuite extends CreditSalesContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The prepaid credits suite (from loyalty-testing), unchanged, on this database: consumption, covered and billable, first in first out. */
    @Nested
    @Tag("CR-4")
    class CreditConsumptionSuite extends CreditConsumptionContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The prepaid credits suite (from loyalty-testing), unchanged, on this database: usage, budget and revenue reports. */
    @Nested
    @Tag("CR-8")
    class CreditReportsSuite extends CreditReportsContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The prepaid credits suite (from loyalty-testing), unchanged, on this database: credit notes and cancellations. */
    @Nested
    @Tag("X-13")
    class CreditReturnsSuite extends CreditReturnsContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The prepaid credits suite (from loyalty-testing), unchanged, on this database: corrections. */
    @Nested
    @Tag("CR-3")
    class CreditCorrectionsSuite extends CreditCorrectionsContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** Card rows planted behind the store's back: typed errors on every read and command that meets them. */
    @Nested
    @Tag("X-10")
    class PlantedCardRowsSuite extends PlantedCardRowsContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }

        @Override
        protected void plantKind(TenantId tenant, String number, String kind) throws SQLException {
            plantCard(tenant, number, "card_kind", kind);
        }

        @Override
        protected void plantValidUntil(TenantId tenant, String number, LocalDate validUntil) throws SQLException {
            plantCard(tenant, number, "valid_until", java.sql.Date.valueOf(validUntil));
        }

        private void plantCard(TenantId tenant, String number, String column, Object value) throws SQLException {
            try (Connection c = database().connect(); PreparedStatement s = c.prepareStatement("UPDATE le_card SET "
                    + column + " = ? WHERE tenant = ? AND card_number = ?")) {
                s.setObject(1, value);
                s.setString(2, tenant.value());
                s.setString(3, number);
                assertEquals(1, s.executeUpdate());
            }
        }
    }

    /** The adapter's guards under concurrency and faults. */
    @Nested
    class Guards {
        private final JpaStore store = database().store();
        private final TenantId tenant = freshTenant();
        private final Commands commands = new Commands(store, tenant);
        private final List<ExecutorService> pools = new ArrayList<>();

        private ExecutorService pool(int threads) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            pools.add(pool);
            return pool;
        }

        @AfterEach
        void stopPools() throws InterruptedException {
            for (ExecutorService pool : pools) {
                pool.shutdownNow();
                pool.awaitTermination(30, TimeUnit.SECONDS);
            }
        }

        private BigDecimal ledgerSum(AccountKey key) {
            return store.inTransaction(tenant, tx -> tx.ledger().entries(key).stream().map(LedgerEntry::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
        }

        @Test
        @Tag("X-5")
        void contention_sixteenThreadsOfMixedCommandsKeepEveryFloorAndLedger() throws Exception {
            Contention.Figures figures = Contention.run(database(), 16, 500);
            System.out.printf("%s contention 16 x 500: %.0f ops/s, %d applied, %d rejected, %d retries%n",
                    figures.database(), figures.perSecond(), figures.applied(), figures.rejected(), figures.retries());
            assertEquals(List.of(), figures.violations());
            assertEquals(8000, figures.applied() + figures.rejected());
            assertTrue(figures.overdraws() > 0 && figures.overdrawsRejected() == figures.overdraws(),
                    "every draw of more than the balance is refused");
        }

        @Test
        @Tag("X-4")
        void idempotency_tenThreadsPerKeyOverTwoHundredKeysApplyEachKeyOnce() throws Exception {
            int keys = 200;
            int racers = 10;
            List<AccountKey> accounts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                accounts.add(Commands.account("idem-" + i));
                commands.open(accounts.get(i), "1.00");
            }
            List<Callable<Outcome>> jobs = new ArrayList<>();
            for (int k = 0; k < keys; k++) {
                String key = "idem-key-" + k;
                AccountKey account = accounts.get(k % accounts.size());
                for (int r = 0; r < racers; r++) {
                    jobs.add(() -> commands.topUp(key, account, new BigDecimal("1.00")));
                }
            }
            // Key-major order, so the ten submissions of one key run at the same time on the ten threads.
            List<Future<Outcome>> futures = pool(racers).invokeAll(jobs);
            Map<String, List<Outcome>> byKey = new HashMap<>();
            for (Future<Outcome> f : futures) {
                Outcome o = f.get();
                byKey.computeIfAbsent(o.idempotencyKey(), x -> new ArrayList<>()).add(o);
            }
            assertEquals(keys, byKey.size());
            byKey.forEach((key, outcomes) -> {
                assertEquals(racers, outcomes.size());
                assertTrue(outcomes.get(0).applied(), key);
                outcomes.forEach(o -> assertEquals(outcomes.get(0), o, "every replay of " + key
                        + " returns the original outcome"));
            });
            long effects = 0;
            for (AccountKey a : accounts) {
                List<LedgerEntry> entries = store.inTransaction(tenant, tx -> tx.ledger().entries(a));
                effects += entries.stream().filter(e -> e.idempotencyKey().startsWith("idem-key-")).count();
                Account after = store.inTransaction(tenant, tx -> tx.accounts().find(a).orElseThrow());
                assertEquals(0, after.balance().compareTo(ledgerSum(a)));
            }
            assertEquals(keys, effects, "exactly one effect per key");
            assertEquals(keys, store.inTransaction(tenant, tx -> tx.outcomes().all()).size());
        }

        @Test
        @Tag("X-5")
        void holdRace_fiftyConcurrentCapturesAndReleasesMakeOneTransition() throws Exception {
            AccountKey a = Commands.account("race");
            commands.open(a, "1000.00");
            ExecutorService pool = pool(50);
            int captures = 0;
            for (int round = 0; round < 3; round++) {
                String id = "race-hold-" + round;
                store.inTransaction(tenant, tx -> tx.holds().place(Hold.pending(id, a, new BigDecimal("10.00"),
                        "receipt", null, Commands.NOW, null, "cashier", Commands.RULE)));
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> racers = new ArrayList<>();
                for (int t = 0; t < 50; t++) {
                    boolean capture = t % 2 == 0;
                    racers.add(pool.submit(() -> {
                        start.await();
                        return store.inTransaction(tenant, tx -> {
                            tx.accounts().lock(List.of(a));
                            return capture
                                    ? tx.holds().capture(id, Commands.entry(a, EntryKind.CAPTURE,
                                    new BigDecimal("-10.00"), id, id), Commands.NOW).isPresent()
                                    : tx.holds().settle(id, HoldState.RELEASED, Commands.NOW, "cashier",
                                    Commands.RULE);
                        });
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> f : racers) {
                    winners += f.get() ? 1 : 0;
                }
                assertEquals(1, winners, "hold " + id + " makes exactly one terminal transition");
                Hold settled = store.inTransaction(tenant, tx -> tx.holds().find(id).orElseThrow());
                assertTrue(settled.state().isTerminal());
                captures += settled.state() == HoldState.CAPTURED ? 1 : 0;
            }
            Account after = store.inTransaction(tenant, tx -> tx.accounts().find(a).orElseThrow());
            assertEquals(0, after.held().signum());
            assertEquals(0, new BigDecimal("1000.00").subtract(BigDecimal.TEN.multiply(BigDecimal.valueOf(captures)))
                    .compareTo(after.balance()));
            assertEquals(0, after.balance().compareTo(ledgerSum(a)));
        }

        @Test
        @Tag("X-5")
        void deadlock_isRetriedOnAFreshTransactionAndNeverBecomesARejection() throws Exception {
            AccountKey x = Commands.account("dead-x");
            AccountKey y = Commands.account("dead-y");
            commands.open(x, "100.00");
            commands.open(y, "100.00");
            long retriesBefore = store.retries();
            CyclicBarrier bothHoldOne = new CyclicBarrier(2);
            AtomicInteger runs = new AtomicInteger();
            Callable<Integer> xThenY = () -> crossing(x, y, bothHoldOne, runs);
            Callable<Integer> yThenX = () -> crossing(y, x, bothHoldOne, runs);
            // Appending without lock() first takes the two rows in opposite orders: a real deadlock.
            for (Future<Integer> f : pool(2).invokeAll(List.of(xThenY, yThenX))) {
                assertEquals(2, f.get());
            }
            assertTrue(runs.get() > 2, "one of the two was re-run");
            assertTrue(store.retries() > retriesBefore);
            for (AccountKey k : List.of(x, y)) {
                assertEquals(0, new BigDecimal("98.00").compareTo(ledgerSum(k)));
            }
        }

        private int crossing(AccountKey first, AccountKey second, CyclicBarrier bothHoldOne, AtomicInteger runs) {
            return store.inTransaction(tenant, tx -> {
                boolean firstRun = runs.incrementAndGet() <= 2;
                tx.ledger().append(Commands.entry(first, EntryKind.CONSUME, new BigDecimal("-1.00"), "d", null));
                if (firstRun) {
                    try {
                        bothHoldOne.await(20, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the other transaction never took its first lock", e);
                    }
                }
                tx.ledger().append(Commands.entry(second, EntryKind.CONSUME, new BigDecimal("-1.00"), "d", null));
                return 2;
            });
        }

        @Test
        @Tag("X-10")
        @Tag("X-4")
        void faults_connectionLostBeforeOrAfterCommitThenReplayedEqualsARunWithoutFaults() {
            FaultyDataSource faults = TestDatabase.handle(database()).faults();
            AccountKey card = Commands.account("card-1");
            List<AccountKey> accounts = List.of(card);
            Commands clean = runWithoutFaults(card);
            clean.topUp("k4", card, new BigDecimal("5.00"));

            Commands faulty = commands;
            faulty.open(card, "100.00");
            lostBeforeCommit(faults, faulty, accounts, () -> faulty.draw("k1", card, new BigDecimal("30.00")));
            lostAfterCommit(faults, faulty, accounts, () -> faulty.hold("k2", card, "h1", new BigDecimal("20.00")));
            lostBeforeCommit(faults, faulty, accounts, () -> faulty.capture("k3", card, "h1", new BigDecimal("20.00")));
            lostAfterCommit(faults, faulty, accounts, () -> faulty.topUp("k4", card, new BigDecimal("5.00")));

            assertEquals(clean.snapshot(accounts), faulty.snapshot(accounts));
            Account after = store.inTransaction(tenant, tx -> tx.accounts().find(card).orElseThrow());
            assertEquals(0, new BigDecimal("55.00").compareTo(after.balance()));
        }

        @Test
        @Tag("X-10")
        @Tag("X-5")
        void faults_connectionLostInTheMiddleOfTheWorkIsRerunOnAFreshConnection() {
            FaultyDataSource faults = TestDatabase.handle(database()).faults();
            AccountKey card = Commands.account("card-1");
            List<AccountKey> accounts = List.of(card);
            Commands clean = runWithoutFaults(card);

            commands.open(card, "100.00");
            long retriesBefore = store.retries();
            for (java.util.function.Supplier<Outcome> command : List.<java.util.function.Supplier<Outcome>>of(
                    () -> commands.draw("k1", card, new BigDecimal("30.00")),
                    () -> commands.hold("k2", card, "h1", new BigDecimal("20.00")),
                    () -> commands.capture("k3", card, "h1", new BigDecimal("20.00")))) {
                faults.failNextStatement();
                // Nothing was committed when the connection broke, so the store runs the work again itself.
                assertTrue(command.get().applied());
                assertFalse(faults.armed(), "the fault was injected");
            }
            assertTrue(store.retries() >= retriesBefore + 3, "each lost connection was a re-run, not an answer");
            assertEquals(clean.snapshot(accounts), commands.snapshot(accounts));
        }

        /** The sequence both fault tests inject into (draw, hold, capture), run on a fresh tenant without faults. */
        private Commands runWithoutFaults(AccountKey card) {
            Commands clean = new Commands(store, freshTenant());
            clean.open(card, "100.00");
            clean.draw("k1", card, new BigDecimal("30.00"));
            clean.hold("k2", card, "h1", new BigDecimal("20.00"));
            clean.capture("k3", card, "h1", new BigDecimal("20.00"));
            return clean;
        }

        /** The commit never reached the server: nothing of the command is there, and the replay applies it once. */
        private void lostBeforeCommit(FaultyDataSource faults, Commands c, List<AccountKey> accounts,
                                      java.util.function.Supplier<Outcome> command) {
            Commands.Snapshot before = c.snapshot(accounts);
            faults.failNextCommit(FaultyDataSource.Fault.BEFORE_COMMIT);
            StoreException lost = assertThrows(StoreException.class, command::get);
            assertTrue(lost.outcomeUnknown(), lost.code());
            assertEquals(before, c.snapshot(accounts), "nothing partial after a connection lost before commit");
            assertTrue(command.get().applied());
        }

        /** The commit happened but the answer was lost: the replay returns the stored outcome and changes nothing. */
        private void lostAfterCommit(FaultyDataSource faults, Commands c, List<AccountKey> accounts,
                                     java.util.function.Supplier<Outcome> command) {
            faults.failNextCommit(FaultyDataSource.Fault.AFTER_COMMIT);
            StoreException lost = assertThrows(StoreException.class, command::get);
            assertTrue(lost.outcomeUnknown(), lost.code());
            Commands.Snapshot committed = c.snapshot(accounts);
            Outcome replay = command.get();
            assertTrue(replay.applied());
            assertEquals(committed, c.snapshot(accounts), "a replay of a committed command changes nothing");
        }
            @Test
        @Tag("X-10")
        void databaseRefusals_insideTheWorkReachItTypedAndNothingIsApplied() {
            FaultyDataSource faults = TestDatabase.handle(database()).faults();
            AccountKey a = Commands.account("refused");
            // SQLState -> the LoyaltyException code the work and the caller see; MariaDB's 1062 is its unique key.
            Map<String, String> expected = new java.util.LinkedHashMap<>();
            expected.put("22001", "INVALID_VALUE");
            expected.put("22021", "INVALID_VALUE");
            expected.put("42000", "STORE_FAILED");
            expected.put("42P01", "STORE_FAILED");
            expected.put("23502", "STORE_FAILED");
            expected.put("23503", "STORE_FAILED");
            expected.put("23505", "DUPLICATE_KEY");
            // A column missing from a table made by an older script (MariaDB and H2 42S22, PostgreSQL 42703).
            expected.put("42S22", "SCHEMA_OUTDATED");
            expected.put("42703", "SCHEMA_OUTDATED");
            expected.put("HY000", "STORE_FAILED");
            for (Map.Entry<String, String> refusal : expected.entrySet()) {
                String state = refusal.getKey();
                List<Class<?>> seenInWork = new ArrayList<>();
                List<String> codesInWork = new ArrayList<>();
                RuntimeException caller = assertThrows(RuntimeException.class, () -> store.inTransaction(tenant, tx -> {
                    tx.accounts().open(a, null);
                    faults.refuseNextStatement(new java.sql.SQLException("refused (injected)", state));
                    try {
                        tx.cards().find("C-" + state);
                    } catch (RuntimeException e) {
                        seenInWork.add(e.getClass());
                        codesInWork.add(e instanceof org.loyaltyengine.spi.LoyaltyException le ? le.code() : "untyped");
                    }
                    // The work went on as if nothing happened; the store must not commit it.
                    return null;
                }), state);
                assertFalse(faults.armed(), "the refusal was injected for " + state);
                assertEquals(List.of(refusal.getValue()), codesInWork, state + ": the work saw " + seenInWork);
                assertTrue(caller instanceof org.loyaltyengine.spi.LoyaltyException, state + ": the caller got " + caller);
                assertEquals(refusal.getValue(), ((org.loyaltyengine.spi.LoyaltyException) caller).code(), state);
                assertTrue(store.inTransaction(tenant, tx -> tx.accounts().find(a)).isEmpty(),
                        state + ": nothing of the refused transaction was applied");
            }
        }

        @Test
        @Tag("X-10")
        void databaseRefusals_thatTheWorkLetsThroughReachTheCallerTyped() {
            FaultyDataSource faults = TestDatabase.handle(database()).faults();
            faults.refuseNextStatement(new java.sql.SQLException("value too long (injected)", "22001"));
            RuntimeException e = assertThrows(RuntimeException.class, () -> store.inTransaction(tenant,
                    tx -> tx.customers().findByNumber("100")));
            assertTrue(e instanceof org.loyaltyengine.spi.InvalidValueException, "got " + e);
            faults.refuseNextStatement(new java.sql.SQLException("syntax (injected)", "42000"));
            e = assertThrows(RuntimeException.class, () -> store.inTransaction(tenant, tx -> tx.outcomes().all()));
            assertTrue(e instanceof StoreException s && s.code().equals("STORE_FAILED") && !s.outcomeUnknown(),
                    "got " + e);
        }

        @Test
        @Tag("X-5")
        void databaseConflicts_insideTheWorkStillReRunIt() {
            FaultyDataSource faults = TestDatabase.handle(database()).faults();
            AccountKey a = Commands.account("conflict");
            long retriesBefore = store.retries();
            AtomicInteger runs = new AtomicInteger();
            for (String state : List.of("40001", "40P01")) {
                Account opened = store.inTransaction(tenant, tx -> {
                    if (runs.incrementAndGet() % 2 == 1) {
                        faults.refuseNextStatement(new java.sql.SQLException("deadlock (injected)", state));
                    }
                    return tx.accounts().open(a, null);
                });
                assertEquals(a, opened.key());
            }
            assertEquals(4, runs.get(), "each conflict re-ran the work once");
            assertEquals(retriesBefore + 2, store.retries());
        }
    }
}

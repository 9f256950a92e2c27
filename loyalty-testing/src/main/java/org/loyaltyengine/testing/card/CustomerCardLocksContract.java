package org.loyaltyengine.testing.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.card.CardFixtures.DAY;
import static org.loyaltyengine.testing.card.CardFixtures.applied;
import static org.loyaltyengine.testing.card.CardFixtures.assertAmount;
import static org.loyaltyengine.testing.card.CardFixtures.eur;
import static org.loyaltyengine.testing.card.CardFixtures.line;
import static org.loyaltyengine.testing.card.CardFixtures.sale;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests.AddValue;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.CreditNote;
import org.loyaltyengine.card.CardRequests.DefineProduct;
import org.loyaltyengine.card.CardRequests.Enrol;
import org.loyaltyengine.card.CardRequests.RemoveLine;
import org.loyaltyengine.card.CardRequests.ReturnLine;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.card.CardRequests.Unlock;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Cards;
import org.loyaltyengine.spi.Customers;
import org.loyaltyengine.spi.Documents;
import org.loyaltyengine.spi.Holds;
import org.loyaltyengine.spi.Ledger;
import org.loyaltyengine.spi.Locks;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.Outcomes;
import org.loyaltyengine.spi.Settings;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.testing.DelegatingStore;
import org.loyaltyengine.testing.MutableClock;

/**
 * What the customer card's commands lock (SPEC X-5): each customer's card on its own key, so the
 * commands on two customers of one practice run side by side on a store that runs a tenant's
 * transactions at once, while two commands on one customer's card still run one after the other.
 * Abstract so that every store runs it: {@link CustomerCardLocksInMemoryTest} here, the JPA adapter on
 * its databases.
 */
public abstract class CustomerCardLocksContract {
    private static final Map<LoyaltyStore, LoyaltyEngine> ENGINES = new ConcurrentHashMap<>();
    private static final Map<LoyaltyStore, Holding> HOLDINGS = new ConcurrentHashMap<>();

    /** The store under test; one shared store (each test uses a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    /** Whether the store runs a tenant's transactions at once (row locks), not one after the other. */
    protected boolean runsATenantsTransactionsAtOnce() {
        return false;
    }

    /**
     * A practice at 10% where c1 and c2 take part and each has a sale locked already (D1 and D2, 1.00 on
     * each card), and c2 a second one (D3, 2.00): their cards keep the currency fixed, so no command on
     * them needs the practice's settings key.
     */
    private CardFixtures practice() {
        Holding holding = HOLDINGS.computeIfAbsent(newStore(), Holding::new);
        LoyaltyEngine engine = ENGINES.computeIfAbsent(holding, store -> LoyaltyEngine.builder()
                .store(store).clock(new MutableClock(java.time.Instant.parse("2026-06-15T09:00:00Z")))
                .build());
        CardFixtures f = new CardFixtures(engine, holding);
        f.configure(Configure.percent("10"));
        f.eligible("food");
        f.enrolled("c1");
        f.enrolled("c2");
        applied(f.lock(sale("D1", "c1", DAY, line("1", "food", "1", "10.00"))));
        applied(f.lock(sale("D2", "c2", DAY, line("1", "food", "2", "10.00"))));
        applied(f.lock(sale("D3", "c2", DAY, line("1", "food", "1", "20.00"))));
        return f;
    }

    private static Holding holding(CardFixtures f) {
        return (Holding) f.store;
    }

    @Test
    @Tag("CC-5")
    @Tag("X-5")
    void commandsOnTwoCustomersOfOnePractice_doNotWaitForEachOther() throws Exception {
        Assumptions.assumeTrue(runsATenantsTransactionsAtOnce(), "this store runs a tenant's transactions one after the other");
        CardFixtures f = practice();
        f.customer("c3");
        // Every kind of card command on c2 (and an enrolment of c3, a product), while a lock on c1's card
        // holds its transaction open at the account lock, after all its keys: a key the two share would
        // keep these waiting for that commit, which waits for them, until the timeout ends it.
        Callable<List<Outcome>> onC2 = () -> {
            List<Outcome> done = new ArrayList<>();
            done.add(f.lock(sale("D4", "c2", DAY, line("1", "food", "1", "30.00"))));
            done.add(f.unlock("D3"));
            done.add(f.lock(sale("D3", "c2", DAY, line("1", "food", "1", "20.00"))));
            done.add(f.cards.creditNote(f.next(), new CreditNote("CN1", "D2", List.of(new ReturnLine("1", BigDecimal.ONE)))));
            done.add(f.cards.addValue(f.next(CardFixtures.MANAGER), new AddValue("c2", "paper", eur("5.00"), "paper card")));
            done.add(f.cards.removeLine(f.next(CardFixtures.MANAGER), new RemoveLine("c2", "D4", "1", "sold by mistake")));
            done.add(f.cards.settle(f.next(), new Settle(sale("D5", "c2", DAY, line("1", "food", "1", "10.00")))));
            done.add(f.cards.enrol(f.next(), new Enrol("c3")));
            done.add(f.cards.defineProduct(f.next(CardFixtures.MANAGER), new DefineProduct("toy", DAY, true, null)));
            return done;
        };
        CompletableFuture<List<Outcome>> theirs = holding(f).whileHeld(onC2, 30_000);
        applied(f.lock(sale("D6", "c1", DAY, line("1", "food", "1", "40.00"))));
        assertTrue(holding(f).theirsDoneWhileHeld(),
                "the commands on c2 waited for the transaction of a lock on c1's card");
        theirs.get(30, TimeUnit.SECONDS).forEach(CardFixtures::applied);
        assertAmount("5.00", f.card("c1").amount());
        // 0.50 left of D2 after the credit note, 2.00 of D3, D4 taken off by hand, 5.00 by hand, all settled
        // with D5's own 1.00: a new card.
        assertAmount("0", f.card("c2").amount());
        assertTrue(f.cards.isEnrolled(f.practice, "c3"));
    }

    @Test
    @Tag("CC-5")
    @Tag("X-5")
    void commandsOnOneCustomersCard_runOneAfterTheOther() throws Exception {
        CardFixtures f = practice();
        // The unlock names only the document; it learns from it whose card it changes, and waits for the
        // lock that holds that card.
        CompletableFuture<List<Outcome>> theirs = holding(f).whileHeld(() -> List.of(f.unlock("D1")), 500);
        applied(f.lock(sale("D6", "c1", DAY, line("1", "food", "1", "40.00"))));
        // Half a second for the unlock to get through: one that did not wait would be done by then. On a
        // machine too loaded for that the test proves less but cannot fail wrongly.
        assertFalse(holding(f).theirsDoneWhileHeld(), "the unlock of c1's sale did not wait for the lock on c1's card");
        theirs.get(30, TimeUnit.SECONDS).forEach(CardFixtures::applied);
        // In that order: D6 on the card, then D1 off it.
        assertAmount("4.00", f.card("c1").amount());
        assertEquals(1, f.card("c1").purchases());
    }

    /**
     * A store that holds the next transaction that locks accounts (after all its keys) until another
     * command, run meanwhile on another thread, is done or the given time has passed.
     */
    private static final class Holding extends DelegatingStore {
        private record Armed(Callable<?> theirs, long millis, CompletableFuture<Object> done) {
        }

        private final AtomicReference<Armed> armed = new AtomicReference<>();
        private volatile boolean doneWhileHeld;

        Holding(LoyaltyStore store) {
            super(store);
        }

        @SuppressWarnings("unchecked")
        <T> CompletableFuture<T> whileHeld(Callable<T> theirs, long millis) {
            CompletableFuture<Object> done = new CompletableFuture<>();
            doneWhileHeld = false;
            if (!armed.compareAndSet(null, new Armed(theirs, millis, done))) {
                throw new IllegalStateException("already armed");
            }
            return (CompletableFuture<T>) (CompletableFuture<?>) done;
        }

        boolean theirsDoneWhileHeld() {
            return doneWhileHeld;
        }

        private void reached() {
            Armed a = armed.getAndSet(null);
            if (a == null) {
                return;
            }
            Thread other = new Thread(() -> {
                try {
                    a.done().complete(a.theirs().call());
                } catch (Throwable e) {
                    a.done().completeExceptionally(e);
                }
            }, "meanwhile");
            other.setDaemon(true);
            other.start();
            try {
                a.done().get(a.millis(), TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException waiting) {
                // it goes on once this transaction ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException failed) {
                // reported through the future
            }
            doneWhileHeld = a.done().isDone();
        }

        @Override
        protected StoreTransaction transaction(StoreTransaction tx) {
            return new DelegatingTransaction(tx) {
                @Override
                public Accounts accounts() {
                    return new DelegatingAccounts(tx.accounts()) {
                        @Override
                        public List<Account> lock(Collection<AccountKey> keys) {
                            reached();
                            return super.lock(keys);
                        }
                    };
                }
            };
        }
    }
}

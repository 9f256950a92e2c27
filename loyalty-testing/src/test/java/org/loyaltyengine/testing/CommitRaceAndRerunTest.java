package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Locks;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;

/**
 * How the engine meets a store that reports an idempotency-key race at commit, as a database does, and a
 * store that runs the work again, as a database store does after a deadlock: both through the public API,
 * on {@link DelegatingStore}s.
 */
class CommitRaceAndRerunTest {
    private static final TenantId SHOP = TenantId.of("shop");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    /**
     * Before the next transaction commits, lets a "concurrent" submission of the same key commit
     * first, then fails ours the way a unique constraint does.
     */
    static final class RacingStore extends DelegatingStore {
        final InMemoryStore inner;
        final AtomicBoolean raceNext = new AtomicBoolean();
        Runnable rival;

        RacingStore(InMemoryStore inner) {
            super(inner);
            this.inner = inner;
        }

        @Override
        public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
            if (raceNext.compareAndSet(true, false)) {
                // The rival commits first; ours then fails at commit as a unique constraint makes it.
                rival.run();
                throw new DuplicateKeyException("idempotency key", "deposit");
            }
            return super.inTransaction(tenant, work);
        }
    }

    @Test
    @Tag("X-4")
    void collisionAtCommit_returnsTheWinnersOutcome() {
        RacingStore store = new RacingStore(new InMemoryStore());
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).build();
        engine.posCards().defineCard(CommandContext.of(SHOP, Actor.of("m", "pos-card.cards"), "card", DAY),
                new Card("1", "A", "B", BigDecimal.ZERO, true, true, Money.currency("CZK")));
        CommandContext same = CommandContext.of(SHOP, Actor.of("cashier", "pos-card.manual"), "deposit", DAY);
        ChangeCredit deposit = new ChangeCredit("1", Money.of("10.00", "CZK"), "deposit");
        Outcome[] winner = new Outcome[1];
        store.rival = () -> winner[0] = engine.posCards().changeCredit(same, deposit);
        store.raceNext.set(true);

        Outcome ours = engine.posCards().changeCredit(same, deposit);

        assertTrue(winner[0].applied());
        assertEquals(winner[0], ours);
        assertEquals(0, new BigDecimal("10.00").compareTo(engine.posCards().statement(SHOP, "1").credit()));
        assertEquals(1, store.inner.inTransaction(SHOP, tx -> tx.outcomes().all()).stream()
                .filter(o -> o.key().equals(IdempotencyKey.of("deposit"))).count());
    }

    /**
     * Runs the work twice, as a database store does after a deadlock: the first run is rolled back, the
     * second is committed. Records the keys each run locked.
     */
    static final class RerunningStore extends DelegatingStore {
        final AtomicBoolean rerunNext = new AtomicBoolean();
        final List<List<LockKey>> lockedPerRun = new ArrayList<>();

        private static final class Deadlock extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }

        RerunningStore() {
            super(new InMemoryStore());
        }

        @Override
        public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
            if (rerunNext.compareAndSet(true, false)) {
                try {
                    super.inTransaction(tenant, tx -> {
                        work.apply(tx);
                        throw new Deadlock();
                    });
                } catch (Deadlock expected) {
                    // rolled back whole; run the work again on a fresh transaction
                }
            }
            return super.inTransaction(tenant, work);
        }

        @Override
        protected StoreTransaction transaction(StoreTransaction tx) {
            List<LockKey> locked = new ArrayList<>();
            lockedPerRun.add(locked);
            return new DelegatingTransaction(tx) {
                @Override
                public Locks locks() {
                    return new DelegatingLocks(tx.locks()) {
                        @Override
                        public void lock(Collection<LockKey> keys) {
                            locked.addAll(keys);
                            super.lock(keys);
                        }
                    };
                }
            };
        }
    }

    @Test
    @Tag("X-5")
    void aRerunOfTheWork_locksTheCommandsKeysAgain() {
        RerunningStore store = new RerunningStore();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).build();
        store.rerunNext.set(true);

        Outcome opened = engine.posCards().openReceipt(CommandContext.of(SHOP, Actor.of("cashier"), "open", DAY),
                new OpenReceipt("R1", Money.currency("CZK")));

        assertTrue(opened.applied());
        // The second run is a new transaction: the lock the first one took went with its rollback.
        LockKey receipt = LockKey.document("pos-receipt", "R1");
        assertEquals(List.of(List.of(receipt), List.of(receipt)), store.lockedPerRun);
    }
}

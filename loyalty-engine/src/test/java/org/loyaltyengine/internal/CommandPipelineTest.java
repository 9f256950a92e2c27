package org.loyaltyengine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Cards;
import org.loyaltyengine.spi.Customers;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.Documents;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.Holds;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Ledger;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Locks;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.Outcomes;
import org.loyaltyengine.spi.Settings;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;

/**
 * How the pipeline meets a store that reports an idempotency-key race at commit, as a database does, a store
 * that runs the work again, and a defective command.
 */
class CommandPipelineTest {
    private static final TenantId SHOP = TenantId.of("shop");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    /**
     * Before the next transaction commits, lets a "concurrent" submission of the same key commit
     * first, then fails ours the way a unique constraint does.
     */
    static final class RacingStore implements LoyaltyStore {
        final InMemoryStore inner = new InMemoryStore();
        final AtomicBoolean raceNext = new AtomicBoolean();
        Runnable rival;

        @Override
        public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
            if (raceNext.compareAndSet(true, false)) {
                // The rival commits first; ours then fails at commit as a unique constraint makes it.
                rival.run();
                throw new DuplicateKeyException("idempotency key", "deposit");
            }
            return inner.inTransaction(tenant, work);
        }
    }

    @Test
    @Tag("X-4")
    void collisionAtCommit_returnsTheWinnersOutcome() {
        RacingStore store = new RacingStore();
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
    static final class RerunningStore implements LoyaltyStore {
        final InMemoryStore inner = new InMemoryStore();
        final AtomicBoolean rerunNext = new AtomicBoolean();
        final List<List<LockKey>> lockedPerRun = new ArrayList<>();

        private static final class Deadlock extends RuntimeException {
            private static final long serialVersionUID = 1L;
        }

        @Override
        public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
            if (rerunNext.compareAndSet(true, false)) {
                try {
                    inner.inTransaction(tenant, tx -> {
                        work.apply(recording(tx));
                        throw new Deadlock();
                    });
                } catch (Deadlock expected) {
                    // rolled back whole; run the work again on a fresh transaction
                }
            }
            return inner.inTransaction(tenant, tx -> work.apply(recording(tx)));
        }

        private StoreTransaction recording(StoreTransaction tx) {
            List<LockKey> locked = new ArrayList<>();
            lockedPerRun.add(locked);
            Locks locks = keys -> {
                locked.addAll(keys);
                tx.locks().lock(keys);
            };
            return new StoreTransaction() {
                @Override
                public TenantId tenant() {
                    return tx.tenant();
                }

                @Override
                public Accounts accounts() {
                    return tx.accounts();
                }

                @Override
                public Ledger ledger() {
                    return tx.ledger();
                }

                @Override
                public Holds holds() {
                    return tx.holds();
                }

                @Override
                public Outcomes outcomes() {
                    return tx.outcomes();
                }

                @Override
                public Documents documents() {
                    return tx.documents();
                }

                @Override
                public Settings settings() {
                    return tx.settings();
                }

                @Override
                public Cards cards() {
                    return tx.cards();
                }

                @Override
                public Customers customers() {
                    return tx.customers();
                }

                @Override
                public Locks locks() {
                    return locks;
                }

                @Override
                public void setRollbackOnly() {
                    tx.setRollbackOnly();
                }

                @Override
                public boolean isRollbackOnly() {
                    return tx.isRollbackOnly();
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

    /** A defect planted in a command: it saves a document under a key it never asked the pipeline to lock. */
    static final class WritesUnlocked implements Command<String, String> {
        @Override
        public String name() {
            return "test.writes-unlocked";
        }

        @Override
        public String ruleSet() {
            return PosCards.PROGRAM;
        }

        @Override
        public Permission permission(String request) {
            return Permission.none();
        }

        @Override
        public String load(StoreView view, String request, CommandContext ctx) {
            return request;
        }

        @Override
        public List<Object> facts(String context, Map<AccountKey, Account> accounts) {
            return List.of();
        }

        @Override
        public List<Write> writes(String context, org.loyaltyengine.rules.facts.Decision decision, Applied applied) {
            return List.of(Write.save(new Document("test-note", context, null, "OPEN", DAY, null, Map.of(), List.of(), 0)));
        }
    }

    @Test
    @Tag("X-10")
    void aCommandWritingUnderAKeyItDidNotLock_isAnInternalDefect_andWritesNothing() {
        InMemoryStore store = new InMemoryStore();
        CommandPipeline pipeline = new CommandPipeline(store, new RuleSetRegistry(RuleSource.defaults()),
                Clock.fixed(DAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        CommandContext ctx = CommandContext.of(SHOP, Actor.of("cashier"), "note", DAY);

        InternalDefectException e = assertThrows(InternalDefectException.class,
                () -> pipeline.run(ctx, "N1", new WritesUnlocked()));

        assertEquals("INTERNAL_DEFECT", e.code());
        assertTrue(e.getMessage().contains("test.writes-unlocked writes under"), e::getMessage);
        assertTrue(store.inTransaction(SHOP, tx -> tx.documents().find("test-note", "N1")).isEmpty());
        assertTrue(store.inTransaction(SHOP, tx -> tx.outcomes().find(ctx.key())).isEmpty());
    }

    @Test
    @Tag("X-4")
    void fingerprint_ofAnItem_isTheOneEarlierBuildsStored() {
        // Outcomes are kept with these fingerprints (taken by the build before AddItem spelled out its text):
        // the same request must give them again, or its repeat would be refused as a conflicting reuse of its key.
        CommandContext ctx = CommandContext.of(SHOP, Actor.of("cashier"), "k1", DAY);
        AddItem plain = AddItem.of("R1", "2", "coffee", Money.of("45.00", "CZK"), "21");
        AddItem manual = new AddItem("R1", "3", "top-up", Money.of("100", "CZK"), true, new BigDecimal("0"),
                new BigDecimal("12.5"));

        assertEquals("AddItem[receiptId=R1, lineId=2, product=coffee, price=45.00 CZK, creditItem=false, vatPercent=21,"
                + " manualDiscountPercent=null]", plain.toString());
        assertEquals("7ce318e04de37ccad2ca587ca54a50715c20d6361296673b927b566445b3b036",
                CommandPipeline.fingerprint("pos-card.add-item", ctx, plain));
        assertEquals("19ef736be2eefcd6a9002057468decbf67fa80b4df98dc49598f038e0358cfab",
                CommandPipeline.fingerprint("pos-card.add-item", ctx, manual));
    }
}

package org.loyaltyengine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;

/** How the pipeline meets a store that reports an idempotency-key race at commit, as a database does. */
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
}

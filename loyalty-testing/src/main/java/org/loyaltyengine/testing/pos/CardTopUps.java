package org.loyaltyengine.testing.pos;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Manual top-ups of a POS credit card through the whole engine, for a store's tests and benchmarks that
 * look at what one command costs on it (statements sent, plans, time): a card defined once, then one
 * {@code pos-card.change-credit} per call, each under the key it is given.
 */
public final class CardTopUps {
    /** The business day every command here runs on. */
    public static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION,
            PosCards.MANUAL_PERMISSION);

    private final PosCards pos;
    private final TenantId tenant;

    public CardTopUps(LoyaltyStore store, TenantId tenant) {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store)
                .clock(Clock.fixed(Instant.parse("2026-03-14T09:00:00Z"), ZoneOffset.UTC)).build();
        this.pos = engine.posCards();
        this.tenant = tenant;
    }

    private CommandContext ctx(String key) {
        return CommandContext.of(tenant, CASHIER, key, DAY);
    }

    /** Defines a card with credit under {@code number} (key {@code define-<number>}); the outcome. */
    public Outcome defineCard(String number) {
        Card card = new Card(number, "Petr", "Svoboda", BigDecimal.ZERO, true, true, Money.currency("CZK"));
        return pos.defineCard(ctx("define-" + number), card);
    }

    /** One manual top-up of {@code amount} CZK onto the card, under the idempotency key {@code key}. */
    public Outcome topUp(String key, String number, String amount) {
        return pos.changeCredit(ctx(key), new ChangeCredit(number, Money.of(amount, "CZK"), "deposit"));
    }
}

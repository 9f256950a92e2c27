package org.loyaltyengine.testing.card;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CardRequests.DefineProduct;
import org.loyaltyengine.card.CardRequests.Enrol;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.card.CardRequests.Unlock;
import org.loyaltyengine.card.CardStatus;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.rules.facts.CardSettlementResult;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A veterinary practice in a fresh tenant, with fixtures that read like the practice's day. */
public class CardFixtures {
    public static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    /** Keeps the settings, the catalogue, enrolments and customers, but may not change a card by hand. */
    public static final Actor CLERK = Actor.of("clerk-anna", CustomerCards.SETTINGS_PERMISSION,
            CustomerCards.CATALOGUE_PERMISSION, CustomerCards.ENROL_ALL_PERMISSION, "customers.write");
    public static final Actor MANAGER = Actor.of("manager-bart", CustomerCards.MANUAL_PERMISSION,
            CustomerCards.SETTINGS_PERMISSION, CustomerCards.CATALOGUE_PERMISSION, CustomerCards.ENROL_ALL_PERMISSION);

    public final LoyaltyEngine engine;
    /** The store the engine runs on, for what a host writes straight into it (master data of its own). */
    public final LoyaltyStore store;
    public final CustomerCards cards;
    public final TenantId practice;
    private final AtomicLong keys = new AtomicLong();
    private final AtomicLong documents = new AtomicLong();

    public CardFixtures(LoyaltyEngine engine, LoyaltyStore store) {
        this.engine = engine;
        this.store = store;
        this.cards = engine.customerCards();
        this.practice = TenantId.of("vet-" + UUID.randomUUID().toString().substring(0, 12));
    }

    public CommandContext next() {
        return next(CLERK);
    }

    public CommandContext next(Actor actor) {
        return CommandContext.of(practice, actor, "k" + keys.incrementAndGet(), DAY);
    }

    public static Money eur(String amount) {
        return Money.of(amount, "EUR");
    }

    public static BigDecimal dec(String value) {
        return new BigDecimal(value);
    }

    public void customer(String id) {
        store.inTransaction(practice, tx -> {
            if (tx.customers().find(id).isEmpty()) {
                tx.customers().insert(new Customer(id, null, "Customer " + id, Map.of()));
            }
            return null;
        });
    }

    /** A customer who takes part in the card. */
    public void enrolled(String id) {
        customer(id);
        applied(cards.enrol(next(), new Enrol(id)));
    }

    public void configure(Configure settings) {
        applied(cards.configure(next(), settings));
    }

    public void product(String id, LocalDate from, boolean eligible, String percent) {
        applied(cards.defineProduct(next(), new DefineProduct(id, from, eligible, percent == null ? null
                : dec(percent))));
    }

    /** An eligible product with the practice's default percentage since 2020. */
    public void eligible(String id) {
        product(id, LocalDate.of(2020, 1, 1), true, null);
    }

    /** The most common practice: 10% by default, no thresholds, "food" eligible, one customer taking part. */
    public void foodAtTenPercentFor(String customer) {
        configure(Configure.percent("10"));
        eligible("food");
        enrolled(customer);
    }

    public static SaleLine line(String id, String product, String quantity, String amount) {
        return new SaleLine(id, product, dec(quantity), eur(amount));
    }

    public static Sale sale(String document, String customer, LocalDate date, SaleLine... lines) {
        return new Sale(document, customer, date, Money.currency("EUR"), List.of(lines));
    }

    /** A new one-line sale of one unit, locked. */
    public Outcome buy(String customer, LocalDate date, String product, String amount) {
        String doc = "D" + documents.incrementAndGet();
        return applied(cards.lock(next(), sale(doc, customer, date, line("1", product, "1", amount))));
    }

    public Outcome lock(Sale sale) {
        return cards.lock(next(), sale);
    }

    public Outcome unlock(String document) {
        return cards.unlock(next(), new Unlock(document));
    }

    /** Settles the customer's card on a new one-line sale of the product, and returns the amount deducted. */
    public BigDecimal settleOn(String customer, LocalDate date, String product, String amount) {
        String doc = "D" + documents.incrementAndGet();
        Outcome o = applied(cards.settle(next(), new Settle(sale(doc, customer, date, line("1", product, "1", amount)))));
        applied(cards.lock(next(), sale(doc, customer, date, line("1", product, "1", amount))));
        return o.result(CardSettlementResult.class).orElseThrow().settlement();
    }

    public CardStatus card(String customer) {
        return cards.card(practice, customer);
    }

    public static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    public static void rejected(Outcome o, String code) {
        assertTrue(o.rejected(), () -> "expected rejection " + code + ", was applied");
        assertEquals(List.of(code), o.reasonCodes().stream().distinct().toList());
        o.rejections().forEach(r -> assertFalse(r.message().isBlank()));
        assertTrue(o.entries().isEmpty());
    }

    public static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + ", was " + actual);
    }
}

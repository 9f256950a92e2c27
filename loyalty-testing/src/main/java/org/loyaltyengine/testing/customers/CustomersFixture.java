package org.loyaltyengine.testing.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.rules.facts.CustomerSaved;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.MutableClock;

/**
 * A webshop with the customers program in a fresh tenant of a store (the in-memory one unless given), on an
 * engine built as a host builds one. The shop's customer card auto-enrols new customers, so every customer a
 * command creates comes with another program's defaults for it, written by the same command: the
 * enrolment, which {@link #hookedCustomers} reads back.
 */
public final class CustomersFixture {
    public static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    /** Keeps the customers and imports them, but may not change the program's settings. */
    public static final Actor CLERK = Actor.of("clerk-anna", "customers.write", "customers.import");
    public static final Actor MANAGER = Actor.of("manager-bram", "customers.settings", "customers.write", "customers.import",
            "customer-card.settings");
    private static final RuleSource RULES = RuleSource.defaults();
    /** The customers rules alone: with no customer card in force, a new customer gets no other program's defaults. */
    private static final RuleSource CUSTOMERS_ONLY = RULES.only("customers");

    private final LoyaltyStore store;
    private final LoyaltyEngine engine;
    public final Customers customers;
    public final TenantId shop;
    private final AtomicLong keys = new AtomicLong();

    public CustomersFixture() {
        this(new InMemoryStore(), true);
    }

    /**
     * On a fresh in-memory store, in a tenant of the given name: two such fixtures make the same
     * customers, ids included, from the same commands (ids are derived from tenant and key).
     */
    public CustomersFixture(TenantId shop) {
        this(new InMemoryStore(), true, shop);
    }

    /** On the given store, which may be shared: the tenant is this fixture's own. */
    public CustomersFixture(LoyaltyStore store) {
        this(store, true);
    }

    /**
     * With {@code defaults} false the engine holds the customers rules alone, so no other program adds
     * anything to a new customer (volume runs); {@link #hookedCustomers} is then empty.
     */
    public CustomersFixture(boolean defaults) {
        this(new InMemoryStore(), defaults);
    }

    private CustomersFixture(LoyaltyStore store, boolean defaults) {
        this(store, defaults, TenantId.of("shop-" + UUID.randomUUID().toString().substring(0, 12)));
    }

    private CustomersFixture(LoyaltyStore store, boolean defaults, TenantId shop) {
        this.store = store;
        this.shop = shop;
        this.engine = LoyaltyEngine.builder().store(store).rules(defaults ? RULES : CUSTOMERS_ONLY)
                .clock(new MutableClock(Instant.parse("2026-03-14T09:00:00Z"))).build();
        this.customers = engine.customers();
        if (defaults) {
            // Under a key no test uses, so that the tests' own keys stay theirs.
            applied(engine.customerCards().configure(CommandContext.of(shop, MANAGER, "fixture-card-auto-enrol", DAY),
                    new Configure(BigDecimal.ZERO, null, null, null, null, true, null)));
        }
    }

    /**
     * The customers the customer card enrolled, as stored (so rolled-back calls do not count), in the
     * store's order: a customer the engine created, with the defaults written by the same command.
     */
    public List<String> hookedCustomers() {
        if (engine.ruleSets().stream().noneMatch(v -> v.ruleSet().equals(CustomerCards.PROGRAM))) {
            return List.of();
        }
        return stored().stream().map(Customer::id).filter(id -> engine.customerCards().isEnrolled(shop, id)).toList();
    }

    public CommandContext next() {
        return CommandContext.of(shop, CLERK, "k" + keys.incrementAndGet(), DAY);
    }

    /** A command of the manager, who may change the customers settings. */
    public CommandContext manager() {
        return CommandContext.of(shop, MANAGER, "k" + keys.incrementAndGet(), DAY);
    }

    public CommandContext key(String key) {
        return CommandContext.of(shop, CLERK, key, DAY);
    }

    public String create(CustomerProfile p) {
        return applied(customers.create(next(), p)).result(CustomerSaved.class).orElseThrow().customerId();
    }

    public List<Customer> stored() {
        return store.inTransaction(shop, tx -> tx.customers().all());
    }

    public static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    public static void rejected(Outcome o, String code) {
        assertTrue(o.rejected(), () -> "expected rejection " + code + ", was applied");
        assertEquals(List.of(code), o.reasonCodes());
        o.rejections().forEach(r -> assertFalse(r.message().isBlank()));
    }

    public static void assertAmount(String expected, BigDecimal actual) {
        assertEquals(0, new BigDecimal(expected).compareTo(actual), () -> "expected " + expected + ", was " + actual);
    }
}

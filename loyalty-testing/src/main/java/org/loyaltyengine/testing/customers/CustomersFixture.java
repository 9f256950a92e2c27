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
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.internal.DefaultCustomers;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.rules.facts.CustomerSaved;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.MutableClock;

/**
 * A webshop with the customers program in a fresh tenant of a store (the in-memory one unless given). Built from the pipeline directly (the
 * same way {@code LoyaltyEngine} builds it) so tests can register a new-customer hook standing in for
 * another program's defaults; the hook records every customer it was called for.
 */
public final class CustomersFixture {
    public static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    /** Keeps the customers and imports them, but may not change the program's settings. */
    public static final Actor CLERK = Actor.of("clerk-anna", "customers.write", "customers.import");
    public static final Actor MANAGER = Actor.of("manager-bram", "customers.settings", "customers.write", "customers.import",
            "customer-card.settings");
    private static final RuleSetRegistry RULES = new RuleSetRegistry(RuleSource.defaults());

    final CommandPipeline pipeline;
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

    /** With {@code hook} false no new-customer hook is registered (volume runs). */
    public CustomersFixture(boolean hook) {
        this(new InMemoryStore(), hook);
    }

    private CustomersFixture(LoyaltyStore store, boolean hook) {
        this(store, hook, TenantId.of("shop-" + UUID.randomUUID().toString().substring(0, 12)));
    }

    private CustomersFixture(LoyaltyStore store, boolean hook, TenantId shop) {
        this.shop = shop;
        pipeline = new CommandPipeline(store, RULES, new MutableClock(Instant.parse("2026-03-14T09:00:00Z")));
        if (!hook) {
            customers = new DefaultCustomers(pipeline);
            return;
        }
        pipeline.onNewCustomer(new org.loyaltyengine.internal.NewCustomerHook() {
            // Stands in for a program's default (e.g. auto-enrolment): a setting written in the same transaction.
            @Override
            public java.util.Set<org.loyaltyengine.spi.LockKey> keys(String customerId) {
                return java.util.Set.of(org.loyaltyengine.spi.LockKey.settings("test-hook"));
            }

            @Override
            public List<org.loyaltyengine.internal.Write> writes(org.loyaltyengine.internal.StoreView view,
                                                                 org.loyaltyengine.spi.Customer created,
                                                                 CommandContext ctx) {
                java.util.Map<String, String> read = view.settings("test-hook");
                java.util.Map<String, String> seen = new java.util.TreeMap<>(read);
                seen.put(String.format(java.util.Locale.ROOT, "%08d", seen.size()), created.id());
                return List.of(new org.loyaltyengine.internal.Write.PutSettings("test-hook", read, seen));
            }
        });
        customers = new DefaultCustomers(pipeline);
    }

    /** The customers the hook was applied to, as stored (so rolled-back calls do not count). */
    public List<String> hookedCustomers() {
        return pipeline.store().inTransaction(shop, tx -> List.copyOf(tx.settings().of("test-hook").values()));
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
        return pipeline.store().inTransaction(shop, tx -> tx.customers().all());
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

package org.loyaltyengine.card.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.NewCustomerHook;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The customer card's auto-enrolment on the command contract (SPEC CC-3): a command that creates a
 * customer the way the customers program will, locking the hooks' keys with its own and writing what
 * they return, leaves the customer enrolled when the practice says so, and only then.
 */
@Tag("CC-3")
class AutoEnrolmentTest {
    private static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    private static final RuleSetRegistry RULES = new RuleSetRegistry(RuleSource.defaults());
    private static final Actor CLERK = Actor.of("clerk-anna", CustomerCards.SETTINGS_PERMISSION);

    private final CommandPipeline pipeline = new CommandPipeline(new InMemoryStore(), RULES,
            Clock.fixed(Instant.parse("2026-06-15T09:00:00Z"), ZoneOffset.UTC));
    private final CustomerCards cards = new DefaultCustomerCards(pipeline);
    private final TenantId practice = TenantId.of("vet-hook");
    private int keys;

    private CommandContext next() {
        return CommandContext.of(practice, CLERK, "k" + ++keys, DAY);
    }

    /** Stands in for the customers program's creating command: the customer, and every hook's defaults. */
    private final class CreateCustomer implements Command<String, CreateCustomer.Context> {
        record Context(Customer customer, List<Write> defaults) {
        }

        @Override
        public String name() {
            return "test.create-customer";
        }

        @Override
        public String ruleSet() {
            return CustomerCards.PROGRAM;
        }

        @Override
        public Permission permission(String id) {
            return Permission.none();
        }

        @Override
        public Set<LockKey> keys(String id, CommandContext ctx) {
            Set<LockKey> keys = new java.util.HashSet<>(Set.of(LockKey.customer(id)));
            pipeline.newCustomerHooks().forEach(h -> keys.addAll(h.keys(id)));
            return keys;
        }

        @Override
        public Context load(StoreView view, String id, CommandContext ctx) {
            Customer created = new Customer(id, null, "Customer " + id, Map.of());
            List<Write> defaults = new ArrayList<>();
            for (NewCustomerHook h : pipeline.newCustomerHooks()) {
                defaults.addAll(h.writes(view, created, ctx));
            }
            return new Context(created, defaults);
        }

        @Override
        public List<Object> facts(Context context, Map<AccountKey, Account> accounts) {
            return List.of();
        }

        @Override
        public List<Write> writes(Context context, org.loyaltyengine.rules.facts.Decision decision,
                                  org.loyaltyengine.internal.Applied applied) {
            List<Write> writes = new ArrayList<>(List.of(Write.SaveCustomer.created(context.customer())));
            writes.addAll(context.defaults());
            return writes;
        }
    }

    private Outcome create(String id) {
        return pipeline.run(next(), id, new CreateCustomer());
    }

    @Test
    void hook_locksTheCustomersEnrolmentOnly() {
        assertEquals(1, pipeline.newCustomerHooks().size());
        assertEquals(Set.of(LockKey.document("customer-card.enrolment", "c9")),
                pipeline.newCustomerHooks().get(0).keys("c9"));
    }

    @Test
    void newCustomer_enrolledOnTheCommandContractOnlyWhenThePracticeAutoEnrols() {
        assertTrue(cards.configure(next(), Configure.percent("10")).applied());
        assertTrue(create("c1").applied());
        assertFalse(cards.isEnrolled(practice, "c1"));

        assertTrue(cards.configure(next(), new Configure(BigDecimal.TEN, null, null, null, null, true, null)).applied());
        assertTrue(create("c2").applied());
        assertTrue(cards.isEnrolled(practice, "c2"));
        assertFalse(cards.isEnrolled(practice, "c1"));
        Document enrolment = pipeline.store().inTransaction(practice,
                tx -> tx.documents().find("customer-card.enrolment", "c2").orElseThrow());
        assertEquals(Map.of("how", "automatic", "by", "clerk-anna"), enrolment.attributes());
        assertEquals(DAY, enrolment.date());
        // Nothing else: no card account opens for a customer with nothing on the card.
        assertTrue(pipeline.store().inTransaction(practice, tx -> tx.accounts().ofProgram(CustomerCards.PROGRAM))
                .isEmpty());
    }

    @Test
    void hook_writesNothingForACustomerWhoTakesPartAlready() {
        assertTrue(cards.configure(next(), new Configure(BigDecimal.TEN, null, null, null, null, true, null)).applied());
        pipeline.store().inTransaction(practice, tx -> {
            tx.documents().save(CardDocuments.enrolment("c3", DAY, "enrolled", "clerk-anna"));
            return null;
        });
        List<Write> writes = pipeline.store().inTransaction(practice, tx -> pipeline.newCustomerHooks().get(0)
                .writes(StoreView.of(tx), new Customer("c3", null, "Customer c3", Map.of()), next()));
        assertEquals(List.of(), writes);
    }
}

package org.loyaltyengine.customers.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.ImportOptions;
import org.loyaltyengine.customers.ImportSummary;
import org.loyaltyengine.customers.WebshopOrder;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.NewCustomerHook;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CustomerOrderReceived;
import org.loyaltyengine.rules.facts.CustomerSaved;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Every new-customer hook registered on the pipeline (the engine registers one, the customer card's
 * auto-enrolment) is written by each command that creates a customer, in the order the customers are
 * created, and by no other command. Here two recording hooks stand in for two programs' defaults; the
 * test library's customers contracts prove the engine's own hook through the public API on every store.
 */
@Tag("CU-1")
@Tag("CU-3")
@Tag("CU-4")
@Tag("CC-3")
class NewCustomerHooksTest {
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Actor CLERK = Actor.of("clerk-anna", "customers.write", "customers.import");
    private static final TenantId SHOP = TenantId.of("shop");

    /** A program's defaults for a new customer: it records the customer in a setting of its own. */
    private record RecordingHook(String program) implements NewCustomerHook {
        @Override
        public Set<LockKey> keys(String customerId) {
            return Set.of(LockKey.settings(program));
        }

        @Override
        public List<Write> writes(StoreView view, Customer created, CommandContext ctx) {
            Map<String, String> read = view.settings(program);
            Map<String, String> seen = new TreeMap<>(read);
            seen.put(String.format(Locale.ROOT, "%08d", seen.size()), created.id());
            return List.of(new Write.PutSettings(program, read, seen));
        }
    }

    private final InMemoryStore store = new InMemoryStore();
    private final CommandPipeline pipeline = new CommandPipeline(store, new RuleSetRegistry(RuleSource.defaults()),
            Clock.fixed(Instant.parse("2026-03-14T09:00:00Z"), ZoneOffset.UTC));
    private int keys;

    private CommandContext next() {
        return CommandContext.of(SHOP, CLERK, "k" + ++keys, DAY);
    }

    private List<String> recorded(String program) {
        return store.inTransaction(SHOP, tx -> List.copyOf(tx.settings().of(program).values()));
    }

    private static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    private static WebshopOrder.Line line() {
        return new WebshopOrder.Line("1", "product 1", BigDecimal.ONE, new BigDecimal("5.00"));
    }

    @Test
    void everyHookIsWrittenWithEveryCreatedCustomerInOrderAndWithNothingElse() {
        pipeline.onNewCustomer(new RecordingHook("test-hook-a"));
        pipeline.onNewCustomer(new RecordingHook("test-hook-b"));
        Customers customers = new DefaultCustomers(pipeline);

        String created = applied(customers.create(next(), CustomerProfile.builder("Jansen").number("K1").build()))
                .result(CustomerSaved.class).orElseThrow().customerId();
        assertTrue(customers.create(next().asDryRun(), CustomerProfile.named("Preview")).applied());
        assertEquals(List.of("CUSTOMER_NUMBER_TAKEN"), customers.create(next(),
                CustomerProfile.builder("Dubbel").number("K1").build()).reasonCodes());
        applied(customers.update(next(), created, CustomerProfile.builder("Jansen BV").number("K1").build()));
        ImportSummary s = customers.importCsv(next(), new StringReader("number;name\nK2;Bakker\n;Zonder\nK1;X\n"),
                ImportOptions.updating());
        assertEquals(2, s.created());
        assertEquals(1, s.updated());
        String fromOrder = applied(customers.receiveOrder(next(), WebshopOrder.of("W-1", "W9",
                CustomerProfile.named("Bos"), EUR, List.of(line())))).result(CustomerOrderReceived.class).orElseThrow()
                .customerId();
        applied(customers.receiveOrder(next(), WebshopOrder.of("W-2", "W9", null, EUR, List.of(line()))));

        List<Customer> stored = store.inTransaction(SHOP, tx -> tx.customers().all());
        String bakker = customers.findByNumber(SHOP, "K2").orElseThrow().id();
        String zonder = stored.stream().filter(c -> c.name().equals("Zonder")).findFirst().orElseThrow().id();
        assertEquals(List.of(created, bakker, zonder, fromOrder), recorded("test-hook-a"));
        assertEquals(recorded("test-hook-a"), recorded("test-hook-b"));
        assertEquals(new TreeSet<>(recorded("test-hook-a")), stored.stream().map(Customer::id)
                .collect(Collectors.toCollection(TreeSet::new)));
    }
}

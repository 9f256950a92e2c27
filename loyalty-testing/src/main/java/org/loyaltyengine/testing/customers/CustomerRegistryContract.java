package org.loyaltyengine.testing.customers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.loyaltyengine.testing.customers.CustomersFixture.applied;
import static org.loyaltyengine.testing.customers.CustomersFixture.assertAmount;
import static org.loyaltyengine.testing.customers.CustomersFixture.rejected;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.customers.Address;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.ImportOptions;
import org.loyaltyengine.customers.ImportSummary;
import org.loyaltyengine.customers.ReceivedOrder;
import org.loyaltyengine.customers.RegisteredCustomer;
import org.loyaltyengine.customers.WebshopOrder;
import org.loyaltyengine.rules.facts.CustomerOrderDiscounted;
import org.loyaltyengine.rules.facts.CustomerOrderReceived;
import org.loyaltyengine.rules.facts.CustomerOrderRemarks;
import org.loyaltyengine.rules.facts.CustomerSaved;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.TenantSnapshot;

/**
 * Customer master data, unique numbers, customers from webshop orders and the customer discount (seed 003).
 * Abstract so that every store runs it: {@link CustomerRegistryInMemoryTest} here, the JPA adapter on its
 * databases.
 */
public abstract class CustomerRegistryContract {
    private static final Currency EUR = Currency.getInstance("EUR");
    private CustomersFixture f;
    private Customers customers;

    /** The store under test; a new one, or a shared one (each test uses fresh tenants). */
    protected abstract LoyaltyStore newStore();

    @BeforeEach
    void setUpShop() {
        f = new CustomersFixture(newStore());
        customers = f.customers;
    }

    /** A tenant of this test alone, so a store that outlives the test run never mixes runs. */
    private static TenantId freshTenant(String name) {
        return TenantId.of(name + "-" + java.util.UUID.randomUUID().toString().substring(0, 12));
    }

    private static CustomerProfile full() {
        return CustomerProfile.builder("Bakkerij de Vries").number("K001").contact("Jan de Vries")
                .email("jan@devries.nl").phone("+31 20 123 4567")
                .deliveryAddress(new Address("Dorpsstraat 1", "1234 AB", "Amsterdam", "NL"))
                .invoiceAddress(new Address("Postbus 12", "1000 AA", "Amsterdam", "NL"))
                .language("NL").discountPercent("7.5").template("pakbon-groot").priceLists(List.of("groothandel"))
                .autosplit(true).calculateVat(false).vatNumber("NL123456789B01").remarks("Alleen ochtend leveren")
                .orderRemarks("Niet stapelen").tags(List.of("vip", "horeca")).field("since", "2024-01-15").build();
    }

    private static WebshopOrder.Line line(String id, String amount) {
        return new WebshopOrder.Line(id, "product " + id, BigDecimal.ONE, new BigDecimal(amount));
    }

    // ------------------------------------------------------------------ CU-1 master data

    @Test
    @Tag("CU-1")
    void create_onlyANameIsRequired() {
        String id = f.create(CustomerProfile.named("Jansen"));
        RegisteredCustomer c = customers.find(f.shop, id).orElseThrow();
        assertEquals("Jansen", c.profile().name());
        assertNull(c.profile().number());
        assertTrue(c.profile().calculateVat());
        assertThrows(InvalidValueException.class, () -> CustomerProfile.named("  "));
    }

    @Test
    @Tag("CU-1")
    void create_keepsEveryFieldOfTheMasterData() {
        applied(customers.declareField(f.manager(), "since", CustomFieldType.DATE));
        CustomerProfile p = full();
        String id = f.create(p);
        RegisteredCustomer c = customers.find(f.shop, id).orElseThrow();
        assertEquals(p, c.profile());
        assertEquals("nl", c.profile().language());
        assertEquals(List.of("vip", "horeca"), c.profile().tags());
        assertEquals(c, customers.findByNumber(f.shop, "K001").orElseThrow());
        // The SPI record carries the master data under the documented attribute keys.
        Customer stored = f.stored().get(0);
        assertEquals("jan@devries.nl", stored.attributes().get("email"));
        assertEquals("1234 AB", stored.attributes().get("delivery.postalCode"));
        assertEquals("7.5", stored.attributes().get("discountPercent"));
        assertEquals("false", stored.attributes().get("calculateVat"));
        assertEquals("2024-01-15", stored.attributes().get("field.since"));
    }

    @Test
    @Tag("CU-1")
    @Tag("X-10")
    void profile_refusesBadValuesTyped() {
        CustomerProfile.Builder b = CustomerProfile.builder("Jansen");
        assertThrows(InvalidValueException.class, () -> b.email("jan@").build());
        assertThrows(InvalidValueException.class, () -> CustomerProfile.builder("J").email("a b@c.nl").build());
        assertThrows(InvalidValueException.class, () -> CustomerProfile.builder("J").discountPercent("100.01").build());
        assertThrows(InvalidValueException.class, () -> CustomerProfile.builder("J").discountPercent("-1").build());
        assertThrows(InvalidValueException.class, () -> CustomerProfile.builder("J").language("dutch").build());
        assertThrows(InvalidValueException.class, () -> CustomerProfile.builder("x".repeat(256)).build());
        assertThrows(InvalidValueException.class, () -> CustomerProfile.builder("J").remarks("r".repeat(2001)).build());
        assertThrows(InvalidValueException.class, () -> CustomerProfile.builder("J").field("1bad", "x").build());
        assertThrows(InvalidValueException.class, () -> CustomerProfile.builder("J").tags(List.of("a,b")).build());
        assertEquals(new BigDecimal("100"), CustomerProfile.builder("J").discountPercent("100").build().discountPercent());
    }

    @Test
    @Tag("CU-1")
    void customFields_mustBeDeclaredAndFitTheirType() {
        CustomerProfile withVip = CustomerProfile.builder("Jansen").field("vip", "ja").build();
        assertThrows(InvalidValueException.class, () -> customers.create(f.next(), withVip));
        applied(customers.declareField(f.manager(), "vip", CustomFieldType.BOOLEAN));
        applied(customers.declareField(f.manager(), "score", CustomFieldType.NUMBER));
        String id = f.create(withVip);
        assertEquals("true", customers.find(f.shop, id).orElseThrow().profile().customFields().get("vip"));
        assertThrows(InvalidValueException.class, () -> customers.create(f.next(),
                CustomerProfile.builder("B").field("score", "veel").build()));
        assertEquals(1, f.stored().size());
        // A type may change only while no customer holds a value for the field.
        rejected(customers.declareField(f.manager(), "vip", CustomFieldType.TEXT), "CUSTOM_FIELD_IN_USE");
        applied(customers.declareField(f.manager(), "score", CustomFieldType.TEXT));
        assertEquals(CustomFieldType.TEXT, customers.customFields(f.shop).get("score"));
        assertEquals(CustomFieldType.BOOLEAN, customers.customFields(f.shop).get("vip"));
    }

    @Test
    @Tag("CU-1")
    @Tag("X-8")
    void declareField_needsTheSettingsPermission() {
        Outcome o = customers.declareField(f.next(), "vip", CustomFieldType.BOOLEAN);
        rejected(o, "PERMISSION_REQUIRED");
        assertEquals(List.of(), o.rulesFired(), "the pipeline refuses it before any rule runs");
        assertTrue(customers.customFields(f.shop).isEmpty());
    }

    @Test
    @Tag("CU-1")
    void update_replacesTheMasterData() {
        String id = f.create(CustomerProfile.builder("Jansen").number("K1").build());
        CustomerProfile changed = CustomerProfile.builder("Jansen BV").number("K2").email("info@jansen.nl").build();
        applied(customers.update(f.next(), id, changed));
        assertEquals(changed, customers.find(f.shop, id).orElseThrow().profile());
        assertTrue(customers.findByNumber(f.shop, "K1").isEmpty());
        assertThrows(NoSuchEntityException.class, () -> customers.update(f.next(), "nobody", changed));
    }

    // ------------------------------------------------------------------ CU-2 unique numbers

    @Test
    @Tag("CU-2")
    void create_aNumberTakenByAnotherCustomerIsRefused() {
        String first = f.create(CustomerProfile.builder("Jansen").number("K1").build());
        Outcome o = customers.create(f.next(), CustomerProfile.builder("Pietersen").number("K1").build());
        rejected(o, "CUSTOMER_NUMBER_TAKEN");
        assertEquals(List.of("a customer number is unique within the tenant"), o.rulesFired());
        String second = f.create(CustomerProfile.builder("Pietersen").number("K2").build());
        rejected(customers.update(f.next(), second, CustomerProfile.builder("Pietersen").number("K1").build()),
                "CUSTOMER_NUMBER_TAKEN");
        applied(customers.update(f.next(), first, CustomerProfile.builder("Jansen BV").number("K1").build()));
        assertEquals(2, f.stored().size());
        assertEquals("Pietersen", customers.findByNumber(f.shop, "K2").orElseThrow().profile().name());
    }

    @Test
    @Tag("CU-2")
    @Tag("X-7")
    void create_numbersAreUniquePerTenantOnly() {
        f.create(CustomerProfile.builder("Jansen").number("K1").build());
        TenantId other = TenantId.of("other-" + f.shop.value());
        applied(customers.create(org.loyaltyengine.CommandContext.of(other, CustomersFixture.CLERK, "o1",
                CustomersFixture.DAY), CustomerProfile.builder("Elders").number("K1").build()));
        assertEquals("Jansen", customers.findByNumber(f.shop, "K1").orElseThrow().profile().name());
        assertEquals("Elders", customers.findByNumber(other, "K1").orElseThrow().profile().name());
    }

    @Test
    @Tag("CU-1")
    @Tag("X-4")
    void create_aRepeatedKeyReturnsTheFirstOutcomeAndOneCustomer() {
        Outcome first = customers.create(f.key("c-1"), CustomerProfile.named("Jansen"));
        Outcome again = customers.create(f.key("c-1"), CustomerProfile.named("Jansen"));
        assertEquals(first, again);
        assertEquals(1, f.stored().size());
        assertThrows(org.loyaltyengine.IdempotencyConflictException.class,
                () -> customers.create(f.key("c-1"), CustomerProfile.named("Pietersen")));
    }

    // ------------------------------------------------------------------ CU-1 customer ids

    @Test
    @Tag("CU-1")
    @Tag("X-7")
    void create_theSameKeyInTwoTenantsNamesTwoCustomers() {
        TenantId other = freshTenant("other");
        String here = f.create(CustomerProfile.named("Jansen"));
        String key = "k1"; // the key f.create used, the fixture's first
        String there = applied(customers.create(CommandContext.of(other, CustomersFixture.CLERK, key,
                CustomersFixture.DAY), CustomerProfile.named("Jansen"))).result(CustomerSaved.class).orElseThrow().customerId();
        assertNotEquals(here, there, "one key in two tenants named the same customer id");
        // The same holds for a customer made from an order and one made by an import row.
        String orderHere = applied(customers.receiveOrder(f.key("order-1"), WebshopOrder.of("W-1", null,
                CustomerProfile.named("Bos"), EUR, List.of(line("1", "5.00"))))).result(CustomerOrderReceived.class).orElseThrow().customerId();
        String orderThere = applied(customers.receiveOrder(CommandContext.of(other, CustomersFixture.CLERK, "order-1",
                CustomersFixture.DAY), WebshopOrder.of("W-1", null, CustomerProfile.named("Bos"), EUR,
                List.of(line("1", "5.00"))))).result(CustomerOrderReceived.class).orElseThrow().customerId();
        assertNotEquals(orderHere, orderThere, "one order key in two tenants named the same customer id");
        customers.importCsv(f.key("imp"), new java.io.StringReader("number;name\nK7;Pietersen\n"),
                ImportOptions.updating());
        customers.importCsv(CommandContext.of(other, CustomersFixture.CLERK, "imp", CustomersFixture.DAY),
                new java.io.StringReader("number;name\nK7;Pietersen\n"), ImportOptions.updating());
        assertNotEquals(customers.findByNumber(f.shop, "K7").orElseThrow().id(),
                customers.findByNumber(other, "K7").orElseThrow().id(), "one import key in two tenants named the same customer id");
        // Within a tenant a key still names one customer: a retry or a preview gives the same id.
        assertEquals(here, customers.create(f.key("k1"), CustomerProfile.named("Jansen")).result(CustomerSaved.class).orElseThrow().customerId());
        assertEquals(customers.create(f.key("preview").asDryRun(), CustomerProfile.named("P")).result(CustomerSaved.class).orElseThrow().customerId(),
                customers.create(f.key("preview").asDryRun(), CustomerProfile.named("P")).result(CustomerSaved.class).orElseThrow().customerId());
    }

    @Test
    @Tag("CU-1")
    void create_aHostsOwnIdNamesTheCustomer() {
        Outcome o = applied(customers.create(f.key("crm"), CustomerRequests.Create.withId("crm-4711",
                CustomerProfile.builder("Jansen").number("K1").build())));
        assertEquals("crm-4711", o.result(CustomerSaved.class).orElseThrow().customerId());
        assertEquals("Jansen", customers.find(f.shop, "crm-4711").orElseThrow().profile().name());
        assertEquals("crm-4711", customers.findByNumber(f.shop, "K1").orElseThrow().id());
        assertEquals(List.of("crm-4711"), f.hookedCustomers());
        // A repeat of the key is a replay; the same key with another id is a conflict.
        assertEquals(o, customers.create(f.key("crm"), CustomerRequests.Create.withId("crm-4711",
                CustomerProfile.builder("Jansen").number("K1").build())));
        assertThrows(org.loyaltyengine.IdempotencyConflictException.class, () -> customers.create(f.key("crm"),
                CustomerRequests.Create.withId("crm-4712", CustomerProfile.builder("Jansen").number("K1").build())));
        assertEquals(1, f.stored().size());
    }

    @Test
    @Tag("CU-1")
    @Tag("X-10")
    void create_anIdAnotherCustomerHoldsIsRefusedAndNothingIsWritten() {
        applied(customers.create(f.next(), CustomerRequests.Create.withId("crm-1", CustomerProfile.named("Jansen"))));
        String derived = f.create(CustomerProfile.named("Bakker"));
        List<Customer> before = f.stored();
        for (String taken : List.of("crm-1", derived)) {
            org.loyaltyengine.spi.DuplicateKeyException e = assertThrows(org.loyaltyengine.spi.DuplicateKeyException.class,
                    () -> customers.create(f.next(), CustomerRequests.Create.withId(taken,
                            CustomerProfile.builder("Pietersen").number("K5").build())));
            assertEquals("DUPLICATE_KEY", e.code());
            assertTrue(e.getMessage().contains(taken), e.getMessage());
        }
        assertEquals(before, f.stored());
        assertEquals(2, f.hookedCustomers().size());
        assertTrue(customers.findByNumber(f.shop, "K5").isEmpty());
    }

    @Test
    @Tag("CU-1")
    @Tag("X-10")
    void create_aHostIdMustBeAnIdentifier() {
        CustomerProfile p = CustomerProfile.named("Jansen");
        for (String bad : java.util.Arrays.asList("", "  ", " crm-1", "crm-1 ", "crm\n1", "crm\u00001", "x".repeat(256))) {
            assertThrows(InvalidValueException.class, () -> CustomerRequests.Create.withId(bad, p), bad);
            assertThrows(InvalidValueException.class, () -> WebshopOrder.of("W-1", null, p, EUR, List.of(line("1", "1.00")))
                    .withNewCustomerId(bad), bad);
        }
        assertThrows(InvalidValueException.class, () -> CustomerRequests.Create.withId(null, p));
        assertEquals(null, CustomerRequests.Create.of(p).customerId());
        assertEquals("x".repeat(255), CustomerRequests.Create.withId("x".repeat(255), p).customerId());
        assertTrue(f.stored().isEmpty());
    }

    @Test
    @Tag("CU-4")
    void receiveOrder_aHostsOwnIdNamesTheCustomerTheOrderCreates() {
        Outcome first = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-1", "W77",
                CustomerProfile.named("Bos"), EUR, List.of(line("1", "5.00"))).withNewCustomerId("shop-77")));
        assertEquals(CustomerOrderReceived.CustomerAction.CREATED, first.result(CustomerOrderReceived.class).orElseThrow().customerAction());
        assertEquals("shop-77", first.result(CustomerOrderReceived.class).orElseThrow().customerId());
        assertEquals("shop-77", customers.findByNumber(f.shop, "W77").orElseThrow().id());
        assertEquals(List.of("shop-77"), f.hookedCustomers());
        // An order that links keeps the known customer's id, whatever id it would have given a new one, even a
        // taken one.
        Outcome linked = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-2", "W77",
                CustomerProfile.named("Bos"), EUR, List.of(line("1", "5.00"))).withNewCustomerId("shop-77")));
        assertEquals(CustomerOrderReceived.CustomerAction.LINKED, linked.result(CustomerOrderReceived.class).orElseThrow().customerAction());
        assertEquals("shop-77", linked.result(CustomerOrderReceived.class).orElseThrow().customerId());
        // An order that would create a customer under a taken id is refused before anything is written.
        List<Customer> before = f.stored();
        assertThrows(org.loyaltyengine.spi.DuplicateKeyException.class, () -> customers.receiveOrder(f.next(),
                WebshopOrder.of("W-3", "W78", CustomerProfile.named("Visser"), EUR, List.of(line("1", "5.00")))
                        .withNewCustomerId("shop-77")));
        assertEquals(before, f.stored());
        assertTrue(customers.order(f.shop, "W-3").isEmpty());
        assertEquals(List.of("shop-77"), f.hookedCustomers());
    }

    // ------------------------------------------------------------------ other programs' defaults for a new customer

    /**
     * The defaults another program gives a new customer (the customer card's auto-enrolment) are written
     * with each customer a command creates, and with nothing else: not a preview, a refusal, an update, an
     * import row that updates, nor an order that links to a known customer.
     */
    @Test
    @Tag("CU-1")
    @Tag("CU-3")
    @Tag("CU-4")
    @Tag("CC-3")
    void newCustomerHooks_areWrittenWithEveryCreatedCustomerAndWithNothingElse() {
        String created = f.create(CustomerProfile.builder("Jansen").number("K1").build());
        assertTrue(customers.create(f.next().asDryRun(), CustomerProfile.named("Preview")).applied());
        rejected(customers.create(f.next(), CustomerProfile.builder("Dubbel").number("K1").build()),
                "CUSTOMER_NUMBER_TAKEN");
        applied(customers.update(f.next(), created, CustomerProfile.builder("Jansen BV").number("K1").build()));
        ImportSummary s = customers.importCsv(f.next(), new java.io.StringReader("number;name\nK2;Bakker\n;Zonder\nK1;X\n"),
                ImportOptions.updating());
        assertEquals(2, s.created());
        assertEquals(1, s.updated());
        String fromOrder = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-1", "W9",
                CustomerProfile.named("Bos"), EUR, List.of(line("1", "5.00"))))).result(CustomerOrderReceived.class).orElseThrow().customerId();
        applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-2", "W9", null, EUR, List.of(line("1", "5.00")))));

        List<String> hooked = f.hookedCustomers();
        assertEquals(4, hooked.size(), hooked::toString);
        assertTrue(hooked.contains(created) && hooked.contains(fromOrder), hooked::toString);
        String bakker = customers.findByNumber(f.shop, "K2").orElseThrow().id();
        assertTrue(hooked.contains(bakker), hooked::toString);
        assertEquals(new java.util.TreeSet<>(hooked), f.stored().stream().map(Customer::id)
                .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new)));
    }

    @Test
    @Tag("CU-1")
    @Tag("X-5")
    void declareField_aTypeChangeRacingACreateWithAValueLeavesNoValueItsTypeRefuses() throws Exception {
        org.loyaltyengine.testing.Interleaving race = new org.loyaltyengine.testing.Interleaving(newStore());
        CustomersFixture shop = new CustomersFixture(race);
        applied(shop.customers.declareField(shop.manager(), "score", CustomFieldType.NUMBER));
        CommandContext theirs = shop.next();
        // Theirs runs right after mine listed the customers to count who holds a value for the field.
        java.util.concurrent.Future<Object> meanwhile = race.once(org.loyaltyengine.testing.Interleaving.Point.AFTER_LIST,
                () -> {
                    try {
                        return shop.customers.create(theirs, CustomerProfile.builder("Racer").field("score", "5").build());
                    } catch (InvalidValueException refused) {
                        return refused;
                    }
                });
        Outcome mine = shop.customers.declareField(shop.manager(), "score", CustomFieldType.BOOLEAN);
        Object other = meanwhile.get(30, java.util.concurrent.TimeUnit.SECONDS);

        // One after the other, either way round: the type change first refuses the value, or the value
        // first keeps the type.
        if (mine.applied()) {
            assertTrue(other instanceof InvalidValueException, () -> "the value of the old type was kept: " + other);
        } else {
            rejected(mine, "CUSTOM_FIELD_IN_USE");
            applied((Outcome) other);
        }
        CustomFieldType type = shop.customers.customFields(shop.shop).get("score");
        for (RegisteredCustomer c : shop.customers.all(shop.shop)) {
            String value = c.profile().customFields().get("score");
            if (value != null) {
                org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> type.canonical("score", value),
                        () -> c + " holds a value its field's type " + type + " refuses");
            }
        }
    }

    // ------------------------------------------------------------------ X-5 concurrent commands

    private static final int RACERS = 6;

    /**
     * Runs {@link #RACERS} commands at once, each on its own thread with its own key ({@code command}
     * gets the racer's number and context), and returns their outcomes in racer order.
     */
    private List<Outcome> atOnce(java.util.function.Supplier<CommandContext> contexts,
                                 java.util.function.BiFunction<Integer, CommandContext, Outcome> command)
            throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(RACERS);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Outcome>> running = new java.util.ArrayList<>();
            for (int i = 0; i < RACERS; i++) {
                int racer = i;
                CommandContext ctx = contexts.get();
                running.add(pool.submit(() -> {
                    start.await();
                    return command.apply(racer, ctx);
                }));
            }
            start.countDown();
            List<Outcome> outcomes = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Outcome> r : running) {
                outcomes.add(r.get());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Exactly one of the racers applied, and every other was refused with {@code code}. */
    private static void oneAppliedTheRestRefused(List<Outcome> outcomes, String code) {
        assertEquals(1, outcomes.stream().filter(Outcome::applied).count(), outcomes::toString);
        outcomes.stream().filter(Outcome::rejected).forEach(o -> rejected(o, code));
    }

    @Test
    @Tag("CU-2")
    @Tag("X-5")
    void create_concurrentCreatesOfOneNumberMakeOneCustomerAndRefuseTheRest() throws Exception {
        oneAppliedTheRestRefused(atOnce(f::next, (i, ctx) -> customers.create(ctx,
                CustomerProfile.builder("Racer " + i).number("K1").build())), "CUSTOMER_NUMBER_TAKEN");
        assertEquals(1, f.stored().size());
        assertEquals(1, f.hookedCustomers().size());
    }

    @Test
    @Tag("CU-4")
    @Tag("X-5")
    void receiveOrder_concurrentReceiptsOfOneOrderRecordItOnce() throws Exception {
        oneAppliedTheRestRefused(atOnce(f::next, (i, ctx) -> customers.receiveOrder(ctx, WebshopOrder.of("W-1",
                "W77", CustomerProfile.named("Fietsenmaker Bos"), EUR, List.of(line("1", "10.00"))))),
                "ORDER_ALREADY_RECEIVED");
        assertEquals(1, f.stored().size());
        assertEquals(1, f.hookedCustomers().size());
        // The buyer is known now: the receipts only link, and still one of them records the order.
        oneAppliedTheRestRefused(atOnce(f::next, (i, ctx) -> customers.receiveOrder(ctx, WebshopOrder.of("W-2",
                "W77", null, EUR, List.of(line("1", "5.00"))))), "ORDER_ALREADY_RECEIVED");
        String id = customers.findByNumber(f.shop, "W77").orElseThrow().id();
        assertEquals(List.of("W-1", "W-2"), customers.orders(f.shop, id).stream().map(ReceivedOrder::orderId).toList());
    }

    @Test
    @Tag("CU-7")
    @Tag("X-5")
    void receiveOrder_concurrentOrdersOfOneNewBuyerMakeOneCustomer() throws Exception {
        // By the webshop's reference: one order creates the buyer, the others wait for it and link.
        List<Outcome> byReference = atOnce(f::next, (i, ctx) -> customers.receiveOrder(ctx, fromBuyer("R-" + i,
                CustomerProfile.named("Racer")).withBuyerReference("shop-nl", "77")));
        oneCreatedTheRestLinked(byReference, CustomerOrderReceived.Match.WEBSHOP_REFERENCE);
        assertEquals(1, f.stored().size());

        // By e-mail address, where the shop matches by it: the same, whatever case each order writes it in.
        applied(customers.configure(f.manager(), new CustomerRequests.Configure(true)));
        List<Outcome> byEmail = atOnce(f::next, (i, ctx) -> customers.receiveOrder(ctx, fromBuyer("E-" + i,
                CustomerProfile.builder("Racer").email(i % 2 == 0 ? "racer@bos.nl" : "Racer@Bos.NL").build())));
        oneCreatedTheRestLinked(byEmail, CustomerOrderReceived.Match.EMAIL);
        assertEquals(2, f.stored().size());
        assertEquals(2, f.hookedCustomers().size());
    }

    private void oneCreatedTheRestLinked(List<Outcome> outcomes, CustomerOrderReceived.Match match) {
        outcomes.forEach(CustomersFixture::applied);
        List<CustomerOrderReceived> results = outcomes.stream()
                .map(o -> o.result(CustomerOrderReceived.class).orElseThrow()).toList();
        List<CustomerOrderReceived> created = results.stream()
                .filter(r -> r.customerAction() == CustomerOrderReceived.CustomerAction.CREATED).toList();
        assertEquals(1, created.size(), results::toString);
        for (CustomerOrderReceived r : results) {
            assertEquals(created.get(0).customerId(), r.customerId(), results::toString);
            if (r != created.get(0)) {
                assertEquals(match, r.matchedBy(), results::toString);
            }
        }
        assertEquals(RACERS, customers.orders(f.shop, created.get(0).customerId()).size());
    }

    @Test
    @Tag("CU-1")
    @Tag("X-5")
    void declareField_concurrentDeclarationsKeepEveryField() throws Exception {
        atOnce(f::manager, (i, ctx) -> customers.declareField(ctx, "field" + i, CustomFieldType.TEXT))
                .forEach(CustomersFixture::applied);
        assertEquals(java.util.Set.of("field0", "field1", "field2", "field3", "field4", "field5"),
                customers.customFields(f.shop).keySet());
    }

    // ------------------------------------------------------------------ new-customer defaults

    @Test
    @Tag("CU-1")
    @Tag("CC-3")
    void create_appliesTheProgramsNewCustomerDefaultsInTheSameCommand() {
        String id = f.create(CustomerProfile.builder("Jansen").number("K9").build());
        assertEquals(List.of(id), f.hookedCustomers());
        assertTrue(customers.create(f.next().asDryRun(), CustomerProfile.named("Preview")).applied());
        rejected(customers.create(f.next(), CustomerProfile.builder("Dubbel").number("K9").build()),
                "CUSTOMER_NUMBER_TAKEN");
        applied(customers.update(f.next(), id, CustomerProfile.named("Jansen BV")));
        // A preview, a refusal and an update apply no new-customer defaults.
        assertEquals(List.of(id), f.hookedCustomers());
        assertEquals(1, f.stored().size());
    }

    @Test
    @Tag("CU-1")
    @Tag("CU-3")
    @Tag("CU-4")
    @Tag("CC-3")
    void create_importAndOrdersEnrolNewCustomersInTheCustomerCardWhenSetToAutoEnrol() {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(newStore()).build();
        TenantId shop = freshTenant("auto-enrol");
        java.util.concurrent.atomic.AtomicInteger keys = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.Supplier<org.loyaltyengine.CommandContext> ctx = () -> org.loyaltyengine.CommandContext.of(
                shop, CustomersFixture.MANAGER, "a" + keys.incrementAndGet(), CustomersFixture.DAY);
        applied(engine.customerCards().configure(ctx.get(), new org.loyaltyengine.card.CardRequests.Configure(
                BigDecimal.TEN, null, 5, null, null, true, EUR)));

        String created = engine.customers().create(ctx.get(), CustomerProfile.named("Jansen")).result(CustomerSaved.class).orElseThrow().customerId();
        engine.customers().importCsv(ctx.get(), new java.io.StringReader("number;name\nK1;Pietersen\n"),
                ImportOptions.updating());
        String fromOrder = engine.customers().receiveOrder(ctx.get(), WebshopOrder.of("W-1", "W9",
                CustomerProfile.named("Bos"), EUR, List.of(line("1", "5.00")))).result(CustomerOrderReceived.class).orElseThrow().customerId();
        String imported = engine.customers().findByNumber(shop, "K1").orElseThrow().id();
        for (String id : List.of(created, imported, fromOrder)) {
            assertTrue(engine.customerCards().isEnrolled(shop, id), id);
        }
        // A preview creates nobody, and its enrolment was rolled back with it.
        String previewed = engine.customers().create(ctx.get().asDryRun(), CustomerProfile.named("Preview"))
                .result(CustomerSaved.class).orElseThrow().customerId();
        assertTrue(engine.customers().find(shop, previewed).isEmpty());
        assertThrows(NoSuchEntityException.class, () -> engine.customerCards().isEnrolled(shop, previewed));
    }

    @Test
    @Tag("CU-1")
    void engine_offersTheRegistry() {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(newStore()).build();
        TenantId shop = freshTenant("engine-shop");
        Outcome o = engine.customers().create(org.loyaltyengine.CommandContext.of(shop, CustomersFixture.CLERK, "e1",
                CustomersFixture.DAY), CustomerProfile.named("Jansen"));
        assertEquals("customers", o.ruleSet());
        assertEquals(1, o.ruleVersion());
        assertEquals("Jansen", engine.customers().all(shop).get(0).profile().name());
    }

    // ------------------------------------------------------------------ CU-4 customers from webshop orders

    @Test
    @Tag("CU-4")
    void receiveOrder_aKnownNumberLinksToThatCustomer() {
        String id = f.create(CustomerProfile.builder("Jansen").number("K1").email("oud@jansen.nl").build());
        CustomerProfile buyer = CustomerProfile.builder("Jansen Webshopnaam").email("nieuw@jansen.nl").build();
        Outcome o = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-1", "K1", buyer, EUR,
                List.of(line("1", "10.00")))));
        assertEquals(CustomerOrderReceived.CustomerAction.LINKED, o.result(CustomerOrderReceived.class).orElseThrow().customerAction());
        assertEquals(id, o.result(CustomerOrderReceived.class).orElseThrow().customerId());
        assertEquals(1, f.stored().size());
        // Linking leaves the customer's master data as it was.
        assertEquals("oud@jansen.nl", customers.find(f.shop, id).orElseThrow().profile().email());
        assertEquals(id, customers.order(f.shop, "W-1").orElseThrow().customerId());
        assertEquals(List.of(id), f.hookedCustomers());
    }

    @Test
    @Tag("CU-4")
    void receiveOrder_anUnknownBuyerBecomesACustomerWithTheOrdersDetails() {
        CustomerProfile buyer = CustomerProfile.builder("Fietsenmaker Bos").contact("Eva Bos").email("eva@bos.nl")
                .deliveryAddress(new Address("Kade 3", "3511 AA", "Utrecht", "NL"))
                .invoiceAddress(new Address("Kade 5", "3511 AA", "Utrecht", "NL"))
                .language("nl").phone("030-1234567").vatNumber("NL001234567B01").remarks("Via webshop")
                .calculateVat(false).build();
        Outcome o = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-1", "W77", buyer, EUR,
                List.of(line("1", "10.00")))));
        assertEquals(CustomerOrderReceived.CustomerAction.CREATED, o.result(CustomerOrderReceived.class).orElseThrow().customerAction());
        String id = o.result(CustomerOrderReceived.class).orElseThrow().customerId();
        RegisteredCustomer c = customers.find(f.shop, id).orElseThrow();
        assertEquals(buyer.toBuilder().number("W77").build(), c.profile());
        assertEquals(List.of(id), f.hookedCustomers());
        // The next order of the same buyer links to the customer made from the first.
        Outcome second = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-2", "W77", buyer, EUR,
                List.of(line("1", "5.00")))));
        assertEquals(CustomerOrderReceived.CustomerAction.LINKED, second.result(CustomerOrderReceived.class).orElseThrow().customerAction());
        assertEquals(id, second.result(CustomerOrderReceived.class).orElseThrow().customerId());
        assertEquals(1, f.stored().size());
        // An order without a customer number always makes a new customer.
        applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-3", null, CustomerProfile.named("Anoniem"), EUR,
                List.of(line("1", "5.00")))));
        applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-4", null, CustomerProfile.named("Anoniem"), EUR,
                List.of(line("1", "5.00")))));
        assertEquals(3, f.stored().size());
        assertEquals(3, f.hookedCustomers().size());
        assertEquals(List.of("W-1", "W-2"), customers.orders(f.shop, id).stream().map(ReceivedOrder::orderId).toList());
    }

    @Test
    @Tag("CU-4")
    void receiveOrder_refusesAnUnplaceableOrderAndASecondReceipt() {
        Outcome o = customers.receiveOrder(f.next(), WebshopOrder.of("W-1", "K404", null, EUR, List.of(line("1", "1.00"))));
        rejected(o, "ORDER_CUSTOMER_UNKNOWN");
        assertTrue(f.stored().isEmpty());
        assertTrue(customers.order(f.shop, "W-1").isEmpty());
        applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-1", "K1", CustomerProfile.named("Jansen"), EUR,
                List.of(line("1", "1.00")))));
        rejected(customers.receiveOrder(f.next(), WebshopOrder.of("W-1", "K1", null, EUR, List.of(line("1", "1.00")))),
                "ORDER_ALREADY_RECEIVED");
        assertEquals(1, f.stored().size());
        assertThrows(InvalidValueException.class, () -> WebshopOrder.of("W-2", "K1",
                CustomerProfile.builder("J").number("K2").build(), EUR, List.of(line("1", "1.00"))));
        assertThrows(InvalidValueException.class, () -> WebshopOrder.of("W-2", "K1", null, EUR, List.of()));
    }

    // ------------------------------------------------------------------ CU-6 remarks reach the orders

    @Test
    @Tag("CU-6")
    void receiveOrder_theCustomersRemarksAndDefaultOrderRemarksGoWithItsOrders() {
        String id = f.create(CustomerProfile.builder("Jansen").number("K1").remarks("Alleen ochtend leveren\nHond op erf")
                .orderRemarks("Niet stapelen").build());
        Outcome o = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-1", "K1", null, EUR,
                List.of(line("1", "10.00")))));
        assertEquals(new CustomerOrderRemarks("W-1", id, "Alleen ochtend leveren\nHond op erf", "Niet stapelen"),
                o.result(CustomerOrderRemarks.class).orElseThrow());
        assertTrue(o.rulesFired().contains("the customer's remarks and default order remarks go with its order"));
        ReceivedOrder w1 = customers.order(f.shop, "W-1").orElseThrow();
        assertEquals("Alleen ochtend leveren\nHond op erf", w1.customerRemarks());
        assertEquals("Niet stapelen", w1.orderRemarks());
        assertEquals(w1, customers.orders(f.shop, id).get(0));

        // Copied when the order comes in: a later change reaches the next order, not the ones taken.
        applied(customers.update(f.next(), id, CustomerProfile.builder("Jansen").number("K1")
                .orderRemarks("Bellen bij aankomst").build()));
        applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-2", "K1", null, EUR, List.of(line("1", "10.00")))));
        ReceivedOrder w2 = customers.order(f.shop, "W-2").orElseThrow();
        assertNull(w2.customerRemarks());
        assertEquals("Bellen bij aankomst", w2.orderRemarks());
        assertEquals("Niet stapelen", customers.order(f.shop, "W-1").orElseThrow().orderRemarks());

        // A customer without remarks gives its orders none, and no such result.
        f.create(CustomerProfile.builder("Pietersen").number("K2").build());
        Outcome plain = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-3", "K2", null, EUR,
                List.of(line("1", "10.00")))));
        assertTrue(plain.result(CustomerOrderRemarks.class).isEmpty());
        assertNull(customers.order(f.shop, "W-3").orElseThrow().customerRemarks());
        assertNull(customers.order(f.shop, "W-3").orElseThrow().orderRemarks());

        // A buyer the order creates brings the remarks the webshop sent; its order carries them.
        applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-4", "W9", CustomerProfile.builder("Bos")
                .remarks("Via webshop: achterom").build(), EUR, List.of(line("1", "10.00")))));
        assertEquals("Via webshop: achterom", customers.order(f.shop, "W-4").orElseThrow().customerRemarks());
        assertNull(customers.order(f.shop, "W-4").orElseThrow().orderRemarks());
    }

    @Test
    @Tag("CU-6")
    @Tag("CU-7")
    void receiveOrder_aBuyerRecognisedWithoutANumberBringsItsRemarksAndDiscount() {
        String id = f.create(CustomerProfile.builder("Bos").email("eva@bos.nl").discountPercent("10")
                .orderRemarks("Levering achterom").build());
        applied(customers.configure(f.manager(), new CustomerRequests.Configure(true)));
        Outcome o = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-1", null,
                CustomerProfile.builder("Eva Bos").email("eva@bos.nl").build(), EUR, List.of(line("1", "50.00")))));
        assertEquals(CustomerOrderReceived.linkedByEmail("W-1", id), o.result(CustomerOrderReceived.class).orElseThrow());
        assertEquals(new BigDecimal("5.00"), o.result(CustomerOrderDiscounted.class).orElseThrow().total());
        assertEquals("Levering achterom", customers.order(f.shop, "W-1").orElseThrow().orderRemarks());
    }

    // ------------------------------------------------------------------ CU-7 returning buyers without a number

    private static WebshopOrder fromBuyer(String orderId, CustomerProfile buyer) {
        return WebshopOrder.of(orderId, null, buyer, EUR, List.of(line("1", "10.00")));
    }

    @Test
    @Tag("CU-7")
    void receiveOrder_aReturningBuyerIsRecognisedByTheWebshopsReference() {
        Outcome first = applied(customers.receiveOrder(f.next(), fromBuyer("W-1",
                CustomerProfile.builder("Fietsenmaker Bos").email("eva@bos.nl").build()).withBuyerReference("shop-nl", "4711")));
        String id = first.result(CustomerOrderReceived.class).orElseThrow().customerId();
        assertEquals(CustomerOrderReceived.created("W-1", id), first.result(CustomerOrderReceived.class).orElseThrow());

        // The buyer again, under another name and address the shop sent this time: the same customer,
        // whose master data the order leaves as it was.
        Outcome again = applied(customers.receiveOrder(f.next(), fromBuyer("W-2",
                CustomerProfile.builder("E. Bos").email("e.bos@elders.nl").build()).withBuyerReference("shop-nl", "4711")));
        assertEquals(CustomerOrderReceived.linkedByReference("W-2", id), again.result(CustomerOrderReceived.class).orElseThrow());
        assertTrue(again.rulesFired().contains("an order without a number is linked by the webshop's reference for its buyer"));
        // The reference alone places an order: it needs no buyer details.
        Outcome bare = applied(customers.receiveOrder(f.next(), fromBuyer("W-3", null).withBuyerReference("shop-nl", "4711")));
        assertEquals(CustomerOrderReceived.linkedByReference("W-3", id), bare.result(CustomerOrderReceived.class).orElseThrow());
        assertEquals(1, f.stored().size());
        assertEquals("eva@bos.nl", customers.find(f.shop, id).orElseThrow().profile().email());
        assertEquals(List.of("W-1", "W-2", "W-3"), customers.orders(f.shop, id).stream().map(ReceivedOrder::orderId).toList());
        assertEquals(List.of(id), f.hookedCustomers());

        // A reference is unique within its webshop only; an order without one still always creates.
        Outcome otherShop = applied(customers.receiveOrder(f.next(), fromBuyer("W-4", CustomerProfile.named("Visser"))
                .withBuyerReference("shop-be", "4711")));
        assertEquals(CustomerOrderReceived.CustomerAction.CREATED, otherShop.result(CustomerOrderReceived.class).orElseThrow().customerAction());
        applied(customers.receiveOrder(f.next(), fromBuyer("W-5", CustomerProfile.named("Fietsenmaker Bos"))));
        assertEquals(3, f.stored().size());

        // The customer's own discount follows it however the order found it.
        applied(customers.update(f.next(), id, CustomerProfile.builder("Fietsenmaker Bos").email("eva@bos.nl")
                .discountPercent("10").build()));
        Outcome discounted = applied(customers.receiveOrder(f.next(), fromBuyer("W-6", null).withBuyerReference("shop-nl", "4711")));
        assertEquals(new BigDecimal("1.00"), discounted.result(CustomerOrderDiscounted.class).orElseThrow().total());
        assertEquals("customer", discounted.result(CustomerOrderDiscounted.class).orElseThrow().source());
    }

    @Test
    @Tag("CU-7")
    void receiveOrder_aNumberDecidesAndTheReferenceFollowsTheLatestOrder() {
        String bos = applied(customers.receiveOrder(f.next(), fromBuyer("W-1", CustomerProfile.named("Bos"))
                .withBuyerReference("shop-nl", "77"))).result(CustomerOrderReceived.class).orElseThrow().customerId();
        // An order with a number is matched by that number alone: an unknown one is a new customer even
        // though its reference is known, and that customer is the one the reference names from now on.
        Outcome numbered = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-2", "K5",
                CustomerProfile.named("Bos BV"), EUR, List.of(line("1", "10.00"))).withBuyerReference("shop-nl", "77")));
        String k5 = numbered.result(CustomerOrderReceived.class).orElseThrow().customerId();
        assertEquals(CustomerOrderReceived.created("W-2", k5), numbered.result(CustomerOrderReceived.class).orElseThrow());
        assertNotEquals(bos, k5);
        assertEquals(CustomerOrderReceived.linkedByReference("W-3", k5), applied(customers.receiveOrder(f.next(),
                fromBuyer("W-3", null).withBuyerReference("shop-nl", "77"))).result(CustomerOrderReceived.class).orElseThrow());
        // A known number links, whatever the reference says, and leaves the reference where that order went.
        assertEquals(CustomerOrderReceived.linkedByNumber("W-4", k5), applied(customers.receiveOrder(f.next(),
                WebshopOrder.of("W-4", "K5", null, EUR, List.of(line("1", "1.00"))).withBuyerReference("shop-nl", "77")))
                .result(CustomerOrderReceived.class).orElseThrow());
        // A reference nobody's order carried yet, without buyer details, places the order with no one.
        rejected(customers.receiveOrder(f.next(), fromBuyer("W-5", null).withBuyerReference("shop-nl", "78")),
                "ORDER_CUSTOMER_UNKNOWN");
        assertEquals(2, f.stored().size());
    }

    @Test
    @Tag("CU-7")
    @Tag("X-8")
    void receiveOrder_byEmailOnlyWhereTheShopOptsIn() {
        applied(customers.declareField(f.manager(), "vip", CustomFieldType.BOOLEAN));
        String k1 = f.create(CustomerProfile.builder("Visser").number("K1").email("Piet@Visser.nl").discountPercent("20").build());
        assertEquals(new CustomerRequests.Configure(false), customers.settings(f.shop, CustomersFixture.DAY));

        // Off by default: an address recognises no one.
        Outcome off = applied(customers.receiveOrder(f.next(), fromBuyer("W-1",
                CustomerProfile.builder("Piet").email("piet@visser.nl").build())));
        assertEquals(CustomerOrderReceived.CustomerAction.CREATED, off.result(CustomerOrderReceived.class).orElseThrow().customerAction());
        assertEquals(2, f.stored().size());

        // Only a user who may change the settings turns it on; the custom fields stay declared.
        rejected(customers.configure(f.next(), new CustomerRequests.Configure(true)), "PERMISSION_REQUIRED");
        assertEquals(new CustomerRequests.Configure(false), customers.settings(f.shop, CustomersFixture.DAY));
        applied(customers.configure(f.manager(), new CustomerRequests.Configure(true)));
        assertEquals(new CustomerRequests.Configure(true), customers.settings(f.shop, CustomersFixture.DAY));
        assertEquals(Map.of("vip", CustomFieldType.BOOLEAN), customers.customFields(f.shop));

        String k2 = f.create(CustomerProfile.builder("Bakker").number("K2").email("info@bakker.nl").discountPercent("10").build());
        Outcome byEmail = applied(customers.receiveOrder(f.next(), fromBuyer("W-2",
                CustomerProfile.builder("Bakkerij").email("INFO@Bakker.NL").build())));
        assertEquals(CustomerOrderReceived.linkedByEmail("W-2", k2), byEmail.result(CustomerOrderReceived.class).orElseThrow());
        assertEquals(new BigDecimal("1.00"), byEmail.result(CustomerOrderDiscounted.class).orElseThrow().total());
        // A number decides alone: an unknown one is a new customer even where the address is known.
        Outcome numbered = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-3", "K9",
                CustomerProfile.builder("Bakker").email("info@bakker.nl").build(), EUR, List.of(line("1", "10.00")))));
        assertEquals(CustomerOrderReceived.CustomerAction.CREATED, numbered.result(CustomerOrderReceived.class).orElseThrow().customerAction());
        // A webshop reference comes before the address.
        String byRef = applied(customers.receiveOrder(f.next(), fromBuyer("W-4", CustomerProfile.named("Anders"))
                .withBuyerReference("shop-nl", "1"))).result(CustomerOrderReceived.class).orElseThrow().customerId();
        assertEquals(CustomerOrderReceived.linkedByReference("W-5", byRef), applied(customers.receiveOrder(f.next(),
                fromBuyer("W-5", CustomerProfile.builder("Anders").email("info@bakker.nl").build())
                        .withBuyerReference("shop-nl", "1"))).result(CustomerOrderReceived.class).orElseThrow());
        assertEquals(1, customers.orders(f.shop, k2).size(), "the order by e-mail went to K2 alone");
        assertEquals(List.of(), customers.orders(f.shop, k1));

        // Turned off again, addresses recognise no one again.
        applied(customers.configure(f.manager(), new CustomerRequests.Configure(false)));
        assertEquals(CustomerOrderReceived.CustomerAction.CREATED, applied(customers.receiveOrder(f.next(),
                fromBuyer("W-6", CustomerProfile.builder("Bakkerij").email("info@bakker.nl").build())))
                .result(CustomerOrderReceived.class).orElseThrow().customerAction());
    }

    @Test
    @Tag("CU-7")
    @Tag("X-10")
    void receiveOrder_anAddressTwoCustomersShareIsRefusedAndChangesNothing() {
        LoyaltyStore store = newStore();
        CustomersFixture shop = new CustomersFixture(store);
        String a = shop.create(CustomerProfile.builder("Bos").number("K1").email("info@bos.nl").build());
        String b = shop.create(CustomerProfile.builder("Bos Filiaal").number("K2").email("Info@Bos.nl").build());
        applied(shop.customers.configure(shop.manager(), new CustomerRequests.Configure(true)));
        TenantSnapshot before = TenantSnapshot.of(store, shop.shop);

        Outcome o = shop.customers.receiveOrder(shop.next(), fromBuyer("W-1",
                CustomerProfile.builder("Bos").email("INFO@bos.nl").build()).withBuyerReference("shop-nl", "9"));
        rejected(o, "BUYER_EMAIL_AMBIGUOUS");
        assertTrue(o.rejections().get(0).message().contains(a) && o.rejections().get(0).message().contains(b),
                o.rejections().get(0).message());
        assertEquals(before.parts(), TenantSnapshot.of(store, shop.shop).parts(), "a refused order wrote something");
        assertTrue(shop.customers.order(shop.shop, "W-1").isEmpty());

        // With the customer number the order is placed, and the reference it carried names that customer.
        applied(shop.customers.receiveOrder(shop.next(), WebshopOrder.of("W-1", "K2", null, EUR,
                List.of(line("1", "10.00"))).withBuyerReference("shop-nl", "9")));
        assertEquals(CustomerOrderReceived.linkedByReference("W-2", b), applied(shop.customers.receiveOrder(shop.next(),
                fromBuyer("W-2", CustomerProfile.builder("Bos").email("info@bos.nl").build())
                        .withBuyerReference("shop-nl", "9"))).result(CustomerOrderReceived.class).orElseThrow());
        assertEquals(2, shop.stored().size());
    }

    @Test
    @Tag("CU-7")
    @Tag("X-10")
    void buyerReference_refusesWhatIsNoReference() {
        WebshopOrder order = fromBuyer("W-1", CustomerProfile.named("Bos"));
        for (String[] bad : new String[][] {{"shop/nl", "1"}, {"s".repeat(65), "1"}, {" shop", "1"}, {"shop", "1\n2"},
                {"shop", "r".repeat(181)}, {"shop", ""}, {"", "1"}, {null, "1"}, {"shop", null}}) {
            assertThrows(InvalidValueException.class, () -> order.withBuyerReference(bad[0], bad[1]),
                    () -> java.util.Arrays.toString(bad));
        }
        assertEquals("shop-nl/" + "r".repeat(180), order.withBuyerReference("shop-nl", "r".repeat(180))
                .buyerReference().key());
        assertTrue(f.stored().isEmpty());
    }

    // ------------------------------------------------------------------ CU-5 the customer's discount

    @Test
    @Tag("CU-5")
    @Tag("X-9")
    void receiveOrder_lineAmountFinerThanTheCurrency_refusedNothingWritten() {
        f.create(CustomerProfile.builder("Jansen").number("K1").discountPercent("10").build());
        // 10% of 100.005 EUR is 10.0005: the discount would be rounded to a cent the order never had.
        assertThrows(InvalidValueException.class, () -> WebshopOrder.of("W-1", "K1", null, EUR,
                List.of(line("1", "100.005"))));
        assertThrows(InvalidValueException.class, () -> WebshopOrder.of("W-2", "K1", null, Currency.getInstance("JPY"),
                List.of(line("1", "100.5"))));
        // Trailing zeros are no finer than the currency.
        applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-3", "K1", null, EUR, List.of(line("1", "100.000")))));
        assertEquals(1, customers.orders(f.shop, customers.findByNumber(f.shop, "K1").orElseThrow().id()).size());
    }

    @Test
    @Tag("CU-5")
    void receiveOrder_appliesTheCustomersOwnDiscountToEachLine() {
        f.create(CustomerProfile.builder("Jansen").number("K1").discountPercent("7.5").build());
        Outcome o = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-1", "K1", null, EUR,
                List.of(line("1", "19.99"), line("2", "100.00"), line("3", "0.10")))));
        // 19.99 x 7.5% = 1.49925 -> 1.50; 100.00 -> 7.50; 0.10 x 7.5% = 0.0075 -> 0.01; total 9.01
        assertEquals(new BigDecimal("1.50"), o.result(CustomerOrderDiscounted.class).orElseThrow().lines().get("1"));
        assertEquals(new BigDecimal("7.50"), o.result(CustomerOrderDiscounted.class).orElseThrow().lines().get("2"));
        assertEquals(new BigDecimal("0.01"), o.result(CustomerOrderDiscounted.class).orElseThrow().lines().get("3"));
        assertEquals(new BigDecimal("9.01"), o.result(CustomerOrderDiscounted.class).orElseThrow().total());
        assertEquals("customer", o.result(CustomerOrderDiscounted.class).orElseThrow().source());
        assertTrue(o.rulesFired().contains("the customer's own discount applies when no program offers more"));
        ReceivedOrder order = customers.order(f.shop, "W-1").orElseThrow();
        assertAmount("9.01", order.discount());
        assertAmount("111.08", order.total());
        assertAmount("7.5", order.discountPercent());
    }

    @Test
    @Tag("CU-5")
    void receiveOrder_discountsDoNotStackTheLargerWins() {
        f.create(CustomerProfile.builder("Jansen").number("K1").discountPercent("10").build());
        List<WebshopOrder.Line> lines = List.of(line("1", "50.00"));
        Outcome smallerCard = applied(customers.receiveOrder(f.next(),
                WebshopOrder.of("W-1", "K1", null, EUR, lines).withProgramDiscount("pos-card", "5")));
        assertEquals(new BigDecimal("5.00"), smallerCard.result(CustomerOrderDiscounted.class).orElseThrow().total());
        assertEquals("customer", smallerCard.result(CustomerOrderDiscounted.class).orElseThrow().source());
        Outcome largerCard = applied(customers.receiveOrder(f.next(),
                WebshopOrder.of("W-2", "K1", null, EUR, lines).withProgramDiscount("pos-card", "15")));
        assertEquals(new BigDecimal("7.50"), largerCard.result(CustomerOrderDiscounted.class).orElseThrow().total());
        assertEquals("pos-card", largerCard.result(CustomerOrderDiscounted.class).orElseThrow().source());
        assertTrue(largerCard.rulesFired().contains("a program's larger discount applies instead"));
        Outcome tie = applied(customers.receiveOrder(f.next(),
                WebshopOrder.of("W-3", "K1", null, EUR, lines).withProgramDiscount("pos-card", "10.0")));
        assertEquals(new BigDecimal("5.00"), tie.result(CustomerOrderDiscounted.class).orElseThrow().total());
        assertEquals("customer", tie.result(CustomerOrderDiscounted.class).orElseThrow().source());
    }

    @Test
    @Tag("CU-5")
    @Tag("X-8")
    void receiveOrder_aProgramDiscountNeedsTheRightToSetDiscounts() {
        f.create(CustomerProfile.builder("Jansen").number("K1").build());
        org.loyaltyengine.CommandContext webshop = org.loyaltyengine.CommandContext.of(f.shop,
                org.loyaltyengine.spi.Actor.of("webshop"), "order-W-1", java.time.LocalDate.of(2026, 3, 14));
        Outcome refused = customers.receiveOrder(webshop, WebshopOrder.of("W-1", "K1", null, EUR,
                List.of(line("1", "50.00"))).withProgramDiscount("made-up", "100"));
        assertTrue(refused.rejected());
        assertEquals(List.of("PERMISSION_REQUIRED"), refused.reasonCodes());
        assertTrue(customers.order(f.shop, "W-1").isEmpty());
        Outcome plain = customers.receiveOrder(org.loyaltyengine.CommandContext.of(f.shop,
                org.loyaltyengine.spi.Actor.of("webshop"), "order-W-2", java.time.LocalDate.of(2026, 3, 14)),
                WebshopOrder.of("W-2", "K1", null, EUR, List.of(line("1", "50.00"))));
        assertTrue(plain.applied());
        assertAmount("50.00", customers.order(f.shop, "W-2").orElseThrow().total());
    }

    @Test
    @Tag("CU-5")
    void receiveOrder_withoutAnyDiscountNothingIsTakenOff() {
        f.create(CustomerProfile.builder("Jansen").number("K1").build());
        Outcome o = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-1", "K1", null, EUR,
                List.of(line("1", "50.00")))));
        assertTrue(o.result(CustomerOrderDiscounted.class).isEmpty());
        assertAmount("50.00", customers.order(f.shop, "W-1").orElseThrow().total());
        // A new customer has no discount of its own; a program's discount still applies.
        Outcome fresh = applied(customers.receiveOrder(f.next(), WebshopOrder.of("W-2", "K2",
                CustomerProfile.named("Nieuw"), Currency.getInstance("JPY"), List.of(line("1", "999")))
                .withProgramDiscount("pos-card", "10")));
        // 999 x 10% = 99.9 -> 100 (yen have no decimals)
        assertEquals(new BigDecimal("100"), fresh.result(CustomerOrderDiscounted.class).orElseThrow().total());
    }
}

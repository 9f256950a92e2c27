package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.card.SettlementPreview;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.CustomerRequests;
import org.loyaltyengine.customers.ImportOptions;
import org.loyaltyengine.customers.ImportSummary;
import org.loyaltyengine.customers.WebshopOrder;
import org.loyaltyengine.points.PointsRequests;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests;
import org.loyaltyengine.rules.facts.CustomerSaved;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.credits.CreditRequests;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.Rejection;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.MutableClock;

/**
 * Every command of every facade needs the permission its table row names (SPEC X-8), and the pipeline
 * enforces it before any rule runs: without it the command is refused with {@code PERMISSION_REQUIRED}
 * and nothing but the refusal is stored; with it (and nothing else) it is not refused for that reason.
 *
 * <p>The table is the specification, written out by hand, and {@link #everyCommandMethodHasARow} finds
 * the command methods by reflection: a new public command without a row fails the build. Abstract so
 * that every store runs it.
 */
@Tag("X-8")
public abstract class PermissionsContract {
    static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    static final String REFUSED = "PERMISSION_REQUIRED";
    /** Every permission the engine knows; a superuser holds them all. */
    static final Set<String> ALL = Set.of("pos-card.cards", "pos-card.settings", "pos-card.manual", "pos-card.refund",
            "customer-card.settings", "customer-card.catalogue", "customer-card.enrol", "customer-card.manual",
            "points-admin", "customers.write", "customers.import", "customers.settings",
            "credits.types", "credits.customers", "credits.settings", "credits.manual", "credits.corrections");
    /** Every document type the programs keep, so a snapshot sees all of them. */
    static final List<String> DOCUMENT_TYPES = List.of("pos-receipt", "pos-refund", "customer-card.sale", "customer-card.product",
            "customer-card.enrolment", "customer-card.settlement", "customer-card.credit-note", "points-booking",
            "points-supplier", "points-participant", "points-rate", "webshop-order", "webshop-buyer", "audit:pos-card.card",
            "audit:pos-card.settings", "audit:customer-card.settings", "audit:customer-card.product",
            "audit:customer-card.enrolment", "audit:savings-points.settings", "audit:savings-points.supplier",
            "audit:savings-points.participation", "audit:customers.customer", "audit:customers.settings", "credits-type",
            "credits-customer", "credits-sale", "credits-usage", "credits-correction", "audit:credits.type",
            "audit:credits.customer", "audit:credits.settings", "audit:credits.correction");
    static final List<String> PROGRAMS = List.of("pos-card", "customer-card", "savings-points", "customers", "credits");

    /** One command method: the permission it needs (null: none) and its arguments after the context. */
    record Row(String permission, Function<World, Object[]> args) {
    }

    /** Method key ({@code Facade.method(ParamTypes)}, context left out) to what it needs. */
    static final Map<String, Row> COMMANDS = new LinkedHashMap<>();

    private static void row(String method, String permission, Function<World, Object[]> args) {
        COMMANDS.put(method, new Row(permission, args));
    }

    private static Object[] of(Object... args) {
        return args;
    }

    static {
        // POS card (seed 004): the till's sale needs nothing; card definitions, settings and manual credit do.
        row("PosCards.defineCard(Card)", "pos-card.cards", w -> of(new Card("5555", "Jana", "Nováková",
                new BigDecimal("100"), false, false, Money.currency("CZK"))));
        row("PosCards.configure(Configure)", "pos-card.settings", w -> of(new PosRequests.Configure(30)));
        row("PosCards.changeCredit(ChangeCredit)", "pos-card.manual",
                w -> of(new PosRequests.ChangeCredit("4242", Money.of("1000.00", "CZK"), "top-up")));
        row("PosCards.openReceipt(OpenReceipt)", null, w -> of(new PosRequests.OpenReceipt("R9", Money.currency("CZK"))));
        row("PosCards.identifyCard(IdentifyCard)", null, w -> of(new PosRequests.IdentifyCard("R2", "5555", null)));
        row("PosCards.removeCard(RemoveCard)", null, w -> of(new PosRequests.RemoveCard("R1")));
        row("PosCards.addItem(AddItem)", null,
                w -> of(PosRequests.AddItem.of("R1", "2", "tea", Money.of("20.00", "CZK"), "21")));
        row("PosCards.deleteItem(DeleteItem)", null, w -> of(new PosRequests.DeleteItem("R1", "1")));
        row("PosCards.pay(PayReceipt)", null, w -> of(new PosRequests.PayReceipt("R1")));
        row("PosCards.abandon(AbandonReceipt)", null, w -> of(new PosRequests.AbandonReceipt("R1")));
        row("PosCards.expireHolds()", null, w -> of());
        row("PosCards.expireHolds(Batch)", null, w -> of(org.loyaltyengine.Batch.of(2)));
        row("PosCards.refund(Refund)", "pos-card.refund", w -> of(PosRequests.Refund.whole("R3", "RF1")));
        // Customer card (seed 000): settings, the catalogue, bulk enrolment and manual lines are guarded.
        row("CustomerCards.configure(Configure)", "customer-card.settings", w -> of(CardRequests.Configure.percent("100")));
        row("CustomerCards.defineProduct(DefineProduct)", "customer-card.catalogue",
                w -> of(new CardRequests.DefineProduct("food", LocalDate.of(2020, 1, 1), true, new BigDecimal("100"))));
        row("CustomerCards.enrolAll()", "customer-card.enrol", w -> of());
        row("CustomerCards.enrolAll(Batch)", "customer-card.enrol", w -> of(org.loyaltyengine.Batch.of(2)));
        row("CustomerCards.addValue(AddValue)", "customer-card.manual",
                w -> of(new CardRequests.AddValue("c1", "paper", Money.of("5.00", "EUR"), "paper card")));
        row("CustomerCards.removeLine(RemoveLine)", "customer-card.manual",
                w -> of(new CardRequests.RemoveLine("c1", "S1", "1", "sold by mistake")));
        row("CustomerCards.enrol(Enrol)", null, w -> of(new CardRequests.Enrol("c2")));
        row("CustomerCards.withdraw(Withdraw)", null, w -> of(new CardRequests.Withdraw("c1")));
        row("CustomerCards.autoEnrol(AutoEnrol)", null, w -> of(new CardRequests.AutoEnrol("c2")));
        row("CustomerCards.lock(Sale)", null, w -> of(World.sale("S2", "40.00")));
        row("CustomerCards.unlock(Unlock)", null, w -> of(new CardRequests.Unlock("S1")));
        row("CustomerCards.cancelSettlement(CancelSettlement)", null, w -> of(new CardRequests.CancelSettlement("S1")));
        row("CustomerCards.creditNote(CreditNote)", null, w -> of(new CardRequests.CreditNote("CN1", "S1",
                List.of(new CardRequests.ReturnLine("1", BigDecimal.ONE)))));
        row("CustomerCards.settle(Settle)", null, w -> of(new CardRequests.Settle(World.sale("S3", "20.00"))));
        row("CustomerCards.previewSettlement(Settle)", null,
                w -> of(new CardRequests.Settle(World.sale("S3", "20.00"))));
        // Savings points (seed 001): the points administration is guarded, the agent's booking work is not.
        row("SavingsPoints.configure(PointsSettings)", "points-admin",
                w -> of(PointsSettings.defaults().with(Map.of("rate", "1"))));
        row("SavingsPoints.configure(Configure)", "points-admin",
                w -> of(PointsRequests.Configure.set(PointsRequests.Configure.Setting.RATE, "1")));
        row("SavingsPoints.defineSupplier(Supplier)", "points-admin", w -> of(PointsRequests.Supplier.enabled("DER")));
        row("SavingsPoints.defineTourOperator(TourOperator)", "points-admin",
                w -> of(PointsRequests.TourOperator.enabled("DER")));
        row("SavingsPoints.setParticipation(Participation)", "points-admin",
                w -> of(new PointsRequests.Participation("c1", false)));
        row("SavingsPoints.manualEntry(ManualEntry)", "points-admin",
                w -> of(new PointsRequests.ManualEntry("c1", new BigDecimal("1000"), "goodwill")));
        row("SavingsPoints.expireYear(ExpireYear)", "points-admin", w -> of(new PointsRequests.ExpireYear(2025)));
        row("SavingsPoints.expireYear(ExpireYear,Batch)", "points-admin",
                w -> of(new PointsRequests.ExpireYear(2025), org.loyaltyengine.Batch.of(2)));
        row("SavingsPoints.book(Booking)", null, w -> of(PointsRequests.Booking.of("B2", "c1",
                PointsRequests.Service.of("1", "TUI", "flight", Money.of("50.00", "EUR")))));
        row("SavingsPoints.changePrice(PriceChange)", null,
                w -> of(new PointsRequests.PriceChange("B1", "1", Money.of("80.00", "EUR"))));
        row("SavingsPoints.payWithPoints(PointsPayment)", null,
                w -> of(new PointsRequests.PointsPayment("B1", Money.of("10.00", "EUR"))));
        row("SavingsPoints.payMoney(MoneyPayment)", null,
                w -> of(new PointsRequests.MoneyPayment("B1", "BANK", Money.of("10.00", "EUR"))));
        row("SavingsPoints.cancel(Cancellation)", null, w -> of(PointsRequests.Cancellation.ofBooking("B1")));
        // Customers (seed 003): master data, imports and settings are guarded; a webshop's order is not.
        row("Customers.create(CustomerProfile)", "customers.write",
                w -> of(CustomerProfile.builder("Pietersen").number("K2").discountPercent(new BigDecimal("100")).build()));
        row("Customers.create(Create)", "customers.write", w -> of(CustomerRequests.Create.withId("host-k2",
                CustomerProfile.builder("Pietersen").number("K2").discountPercent(new BigDecimal("100")).build())));
        row("Customers.update(String,CustomerProfile)", "customers.write",
                w -> of(w.customerK1, CustomerProfile.builder("Jansen").number("K1")
                        .discountPercent(new BigDecimal("100")).build()));
        row("Customers.declareField(String,CustomFieldType)", "customers.settings",
                w -> of("vip", CustomFieldType.BOOLEAN));
        row("Customers.configure(Configure)", "customers.settings", w -> of(new CustomerRequests.Configure(true)));
        row("Customers.importCsv(InputStream,ImportOptions)", "customers.import",
                w -> of(new ByteArrayInputStream(World.CSV.getBytes(StandardCharsets.UTF_8)), ImportOptions.updating()));
        row("Customers.importCsv(Reader,ImportOptions)", "customers.import",
                w -> of(new StringReader(World.CSV), ImportOptions.updating()));
        row("Customers.receiveOrder(WebshopOrder)", null, w -> of(WebshopOrder.of("O1", "K1", null,
                Money.currency("EUR"), List.of(new WebshopOrder.Line("1", "shoes", BigDecimal.ONE, new BigDecimal("50"))))));
        // Prepaid credits (seed 002): types, who uses credits, settings and manual consumption are guarded; sales,
        // work on documents, credit notes and the expiry sweep are the office's ordinary work.
        row("Credits.defineType(DefineType)", "credits.types", w -> of(new CreditRequests.DefineType("HOUR", "Hour",
                "hour", CreditRequests.Counting.FRACTIONAL, Money.of("80.00", "EUR"))));
        row("Credits.configure(Configure)", "credits.settings", w -> of(new CreditRequests.Configure(false, false)));
        row("Credits.useCredits(UseCredits)", "credits.customers", w -> of(new CreditRequests.UseCredits("C1", true)));
        row("Credits.sell(Sell)", null, w -> of(new CreditRequests.Sell("S10", "C1", List.of(new CreditRequests.SaleLine(
                "1", "HOUR", BigDecimal.ONE, Money.of("70.00", "EUR"), null)))));
        row("Credits.confirmSale(ConfirmSale)", null, w -> of(new CreditRequests.ConfirmSale("S9")));
        row("Credits.cancelSale(CancelSale)", null, w -> of(new CreditRequests.CancelSale("S9")));
        row("Credits.consume(Consume)", null, w -> of(new CreditRequests.Consume("C1", new CreditRequests.SourceDocument(
                CreditRequests.Source.INVOICE, "F1"), List.of(CreditRequests.WorkLine.of("1", "HOUR", "1", null)), null)));
        row("Credits.creditNote(CreditNote)", null, w -> of(new CreditRequests.CreditNote("CN1", "C1",
                new CreditRequests.SourceDocument(CreditRequests.Source.INVOICE, "F1"), List.of("1"))));
        row("Credits.expireLots()", null, w -> of());
        row("Credits.expireLots(Batch)", null, w -> of(org.loyaltyengine.Batch.of(2)));
        row("Credits.correct(Correction)", "credits.corrections", w -> of(CreditRequests.Correction.add("K1", "C1",
                "HOUR", BigDecimal.ONE, null, "goodwill")));
    }

    /** The store under test; a new one, or a shared one (each case uses a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    // ------------------------------------------------------------------ the table is complete

    @Test
    void everyCommandMethodHasARow() {
        Set<String> found = new TreeSet<>();
        for (Method m : commandMethods()) {
            found.add(key(m));
        }
        assertEquals(new TreeSet<>(COMMANDS.keySet()), found,
                "every public method that takes a CommandContext needs a row in PermissionsContract.COMMANDS"
                        + " and in docs/permissions.md");
    }

    @Test
    void docsListEveryCommandWithItsPermission() throws java.io.IOException {
        // docs/permissions.md is the host's reference: it must say exactly what the table says.
        Map<String, String> accessors = Map.of("posCards()", "PosCards", "customerCards()", "CustomerCards",
                "savingsPoints()", "SavingsPoints", "customers()", "Customers", "credits()", "Credits");
        Set<String> documented = new TreeSet<>();
        for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("..", "docs", "permissions.md"))) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                    "^\\| `(\\w+\\(\\))\\.(\\w+)`[^|]*\\|[^|]*\\| (`([\\w.-]+)`|none)").matcher(line);
            if (m.find() && accessors.containsKey(m.group(1))) {
                documented.add(accessors.get(m.group(1)) + "." + m.group(2) + " " + (m.group(4) == null ? "none"
                        : m.group(4)));
            }
        }
        Set<String> expected = new TreeSet<>();
        COMMANDS.forEach((method, row) -> expected.add(method.substring(0, method.indexOf('(')) + " "
                + (row.permission() == null ? "none" : row.permission())));
        assertEquals(expected, documented, "docs/permissions.md lists every command with its permission");
    }

    /** Every public method taking a CommandContext on every facade reachable from the engine. */
    static List<Method> commandMethods() {
        List<Method> commands = new ArrayList<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>(List.of(LoyaltyEngine.class));
        while (!todo.isEmpty()) {
            Class<?> c = todo.pop();
            if (!seen.add(c)) {
                continue;
            }
            for (Method m : c.getMethods()) {
                if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers())) {
                    continue;
                }
                if (Arrays.asList(m.getParameterTypes()).contains(CommandContext.class)) {
                    commands.add(m);
                } else if (m.getParameterCount() == 0 && m.getReturnType().getName().startsWith("org.loyaltyengine.")
                        // A facade may be an interface (PosCards is one); the store's SPI is no facade.
                        && !m.getReturnType().getPackageName().equals("org.loyaltyengine.spi")
                        && !m.getReturnType().isRecord() && !m.getReturnType().isEnum()) {
                    todo.push(m.getReturnType());
                }
            }
        }
        return commands;
    }

    static String key(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName() + "(" + Arrays.stream(m.getParameterTypes())
                .filter(t -> t != CommandContext.class).map(Class::getSimpleName).collect(Collectors.joining(",")) + ")";
    }

    // ------------------------------------------------------------------ each row is enforced

    @TestFactory
    Stream<DynamicTest> everyDeclaredPermissionIsEnforced() {
        // One engine for all rows, so its rules compile once; each row gets a tenant of its own.
        LoyaltyStore store = newStore();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store)
                .clock(new MutableClock(Instant.parse("2026-06-15T09:00:00Z"))).build();
        return commandMethods().stream().sorted(java.util.Comparator.comparing(PermissionsContract::key))
                .map(m -> DynamicTest.dynamicTest(key(m), () -> {
                    Row row = COMMANDS.get(key(m));
                    assertNotNull(row, "no row for " + key(m));
                    World w = new World(engine, store);
                    if (row.permission() != null) {
                        provesRefusedWithout(w, m, row);
                    }
                    // With exactly the permission it needs (none for the till's work) it is not refused for it.
                    Actor holding = row.permission() == null ? Actor.of("cashier") : Actor.of("holder", row.permission());
                    List<Rejection> reasons = invoke(w, m, row, w.ctx(holding, "allowed"));
                    assertTrue(reasons.stream().noneMatch(r -> r.code().equals(REFUSED)),
                            () -> key(m) + " was refused for " + holding + ": " + reasons);
                }));
    }

    private void provesRefusedWithout(World w, Method m, Row row) {
        Set<String> others = new HashSet<>(ALL);
        others.remove(row.permission());
        Actor lacking = new Actor("lacking", others);
        Snapshot before = Snapshot.of(w);
        int outcomes = w.outcomes().size();

        // A dry run is refused the same way and stores nothing at all.
        assertRefused(m, row, invoke(w, m, row, w.ctx(lacking, "dry").asDryRun()));
        assertEquals(before, Snapshot.of(w), key(m) + " dry run changed the store");
        assertEquals(outcomes, w.outcomes().size(), key(m) + " dry run stored an outcome");

        assertRefused(m, row, invoke(w, m, row, w.ctx(lacking, "refused")));
        assertEquals(before, Snapshot.of(w), key(m) + " changed the store without " + row.permission());
        List<StoredOutcome> stored = w.outcomes().subList(outcomes, w.outcomes().size());
        assertFalse(stored.isEmpty(), key(m) + ": the refusal is stored under its key like any rejection");
        for (StoredOutcome s : stored) {
            assertTrue(s.outcome().rejected());
            assertEquals(List.of(REFUSED), s.outcome().reasonCodes());
            assertTrue(s.outcome().rulesFired().isEmpty(), "refused before any rule runs: " + s.outcome().rulesFired());
            assertTrue(s.outcome().entries().isEmpty() && s.outcome().holds().isEmpty());
        }
    }

    private static void assertRefused(Method m, Row row, List<Rejection> reasons) {
        assertFalse(reasons.isEmpty(), () -> key(m) + " was not refused without " + row.permission());
        for (Rejection r : reasons) {
            assertEquals(REFUSED, r.code(), () -> key(m) + ": " + reasons);
            assertNull(r.rule(), "the pipeline refuses it, not a rule");
            assertTrue(r.message().contains("lacking") && r.message().contains(row.permission()),
                    () -> "the message names the user and the missing permission: " + r.message());
        }
    }

    /** Runs the method as {@code ctx}'s actor; the rejections it reports (empty when applied). */
    private static List<Rejection> invoke(World w, Method m, Row row, CommandContext ctx) {
        Object[] given = row.args().apply(w);
        Object[] args = new Object[given.length + 1];
        args[0] = ctx;
        System.arraycopy(given, 0, args, 1, given.length);
        Object facade = w.facade(m.getDeclaringClass());
        Object result;
        try {
            result = m.invoke(facade, args);
        } catch (IllegalAccessException e) {
            throw new AssertionError(e);
        } catch (InvocationTargetException e) {
            throw new AssertionError(key(m) + " threw " + e.getCause(), e.getCause());
        }
        if (result instanceof Outcome o) {
            return o.rejections();
        }
        if (result instanceof org.loyaltyengine.BatchOutcome b) {
            // A batch job stops at its first refused chunk and hands its outcome back.
            return b.rejection().map(Outcome::rejections).orElse(List.of());
        }
        if (result instanceof SettlementPreview p) {
            return p.decision().rejections();
        }
        if (result instanceof ImportSummary s) {
            return s.rejections().stream().map(r -> new Rejection(r.code(), r.message(), null)).toList();
        }
        throw new AssertionError(key(m) + " returned " + result + "; teach the test what its refusal looks like");
    }

    // ------------------------------------------------------------------ a key is its user's

    /**
     * An idempotency key belongs to the user who first used it: another user who submits the same key
     * and payload, say one without the permission, must not get the first user's outcome (its balances
     * and entries) as a replay, so the permission check cannot be sidestepped by reusing a key. It is an
     * idempotency conflict, typed, as for another payload; the store is unchanged.
     */
    @Test
    void aKeyUsedByOneUserIsNotReplayedToAnother() {
        LoyaltyStore store = newStore();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store)
                .clock(new MutableClock(Instant.parse("2026-06-15T09:00:00Z"))).build();
        World w = new World(engine, store);
        PosRequests.ChangeCredit topUp = new PosRequests.ChangeCredit("4242", Money.of("1000.00", "CZK"), "top-up");
        CommandContext manager = CommandContext.of(w.tenant, Actor.of("manager", "pos-card.manual"), "top-up-1", DAY);
        Outcome first = engine.posCards().changeCredit(manager, topUp);
        assertTrue(first.applied(), first.rejections().toString());
        assertEquals("manager", first.actor());
        Snapshot before = Snapshot.of(w);
        int outcomes = w.outcomes().size();

        for (CommandContext other : List.of(
                CommandContext.of(w.tenant, Actor.of("lacking"), "top-up-1", DAY),
                CommandContext.of(w.tenant, Actor.of("lacking"), "top-up-1", DAY).asDryRun(),
                CommandContext.of(w.tenant, Actor.of("deputy", "pos-card.manual"), "top-up-1", DAY))) {
            IdempotencyConflictException e = org.junit.jupiter.api.Assertions.assertThrows(
                    IdempotencyConflictException.class, () -> engine.posCards().changeCredit(other, topUp),
                    other.actor().user() + " got the outcome of manager's key");
            assertEquals("IDEMPOTENCY_CONFLICT", e.code());
            assertTrue(e.getMessage().contains("top-up-1"), e.getMessage());
        }
        assertEquals(before, Snapshot.of(w));
        assertEquals(outcomes, w.outcomes().size());
        // The user who used the key still gets the replay.
        assertEquals(first, engine.posCards().changeCredit(manager, topUp));
    }

    // ------------------------------------------------------------------ a tenant where every command can run

    /** A tenant with a little of everything, set up by a superuser. */
    static final class World {
        /** Gives the known customer a 100% discount and creates another through an import. */
        static final String CSV = "number;name;discount\nK1;Jansen BV;100\nK3;Bakker;\n";
        final LoyaltyEngine engine;
        /** The store the engine runs on: the world's customers are a host's own, written straight into it. */
        final LoyaltyStore store;
        final TenantId tenant = TenantId.of("perm-" + UUID.randomUUID().toString().substring(0, 12));
        private final AtomicLong keys = new AtomicLong();
        final String customerK1;

        World(LoyaltyEngine engine, LoyaltyStore store) {
            this.engine = engine;
            this.store = store;
            Actor root = new Actor("root", ALL);
            store.inTransaction(tenant, tx -> {
                tx.customers().insert(new Customer("c1", null, "Customer c1", Map.of()));
                tx.customers().insert(new Customer("c2", null, "Customer c2", Map.of()));
                return null;
            });
            applied(engine.credits().defineType(ctx(root, "cr1"), new CreditRequests.DefineType("HOUR", "Hour", "hour",
                    CreditRequests.Counting.FRACTIONAL, Money.of("80.00", "EUR"))));
            applied(engine.credits().useCredits(ctx(root, "cr2"), new CreditRequests.UseCredits("C1", true)));
            applied(engine.credits().sell(ctx(root, "cr3"), new CreditRequests.Sell("S9", "C1", List.of(
                    new CreditRequests.SaleLine("1", "HOUR", BigDecimal.ONE, Money.of("70.00", "EUR"), null)))));
            PosCards pos = engine.posCards();
            applied(pos.defineCard(ctx(root, "s"), new Card("4242", "Petr", "Svoboda", BigDecimal.ZERO, true, true,
                    Money.currency("CZK"))));
            applied(pos.defineCard(ctx(root, "s"), new Card("5555", "Jana", "Nováková", BigDecimal.TEN, false, false,
                    Money.currency("CZK"))));
            applied(pos.changeCredit(ctx(root, "s"), new PosRequests.ChangeCredit("4242", Money.of("500.00", "CZK"),
                    "deposit")));
            applied(pos.openReceipt(ctx(root, "s"), new PosRequests.OpenReceipt("R1", Money.currency("CZK"))));
            applied(pos.identifyCard(ctx(root, "s"), new PosRequests.IdentifyCard("R1", "4242", null)));
            applied(pos.addItem(ctx(root, "s"), PosRequests.AddItem.of("R1", "1", "coffee", Money.of("45.00", "CZK"),
                    "21")));
            applied(pos.openReceipt(ctx(root, "s"), new PosRequests.OpenReceipt("R2", Money.currency("CZK"))));
            // A paid receipt that drew from the card, for the refund.
            applied(pos.openReceipt(ctx(root, "s"), new PosRequests.OpenReceipt("R3", Money.currency("CZK"))));
            applied(pos.identifyCard(ctx(root, "s"), new PosRequests.IdentifyCard("R3", "4242", null)));
            applied(pos.addItem(ctx(root, "s"), PosRequests.AddItem.of("R3", "1", "tea", Money.of("20.00", "CZK"),
                    "21")));
            applied(pos.pay(ctx(root, "s"), new PosRequests.PayReceipt("R3")));

            CustomerCards cards = engine.customerCards();
            applied(cards.configure(ctx(root, "s"), CardRequests.Configure.percent("10")));
            applied(cards.defineProduct(ctx(root, "s"), new CardRequests.DefineProduct("food", LocalDate.of(2020, 1, 1),
                    true, null)));
            applied(cards.enrol(ctx(root, "s"), new CardRequests.Enrol("c1")));
            applied(cards.lock(ctx(root, "s"), sale("S1", "30.00")));

            SavingsPoints points = engine.savingsPoints();
            applied(points.configure(ctx(root, "s"), PointsSettings.defaults().with(Map.of("rate", "0.5"))));
            applied(points.defineSupplier(ctx(root, "s"), PointsRequests.Supplier.enabled("TUI")));
            applied(points.book(ctx(root, "s"), PointsRequests.Booking.of("B1", "c1",
                    PointsRequests.Service.of("1", "TUI", "flight", Money.of("100.00", "EUR")))));

            customerK1 = applied(engine.customers().create(ctx(root, "s"), CustomerProfile.builder("Jansen")
                    .number("K1").build())).result(CustomerSaved.class).orElseThrow().customerId();
        }

        static CardRequests.Sale sale(String document, String amount) {
            return new CardRequests.Sale(document, "c1", DAY, Money.currency("EUR"),
                    List.of(new CardRequests.SaleLine("1", "food", BigDecimal.ONE, Money.of(amount, "EUR"))));
        }

        CommandContext ctx(Actor actor, String prefix) {
            return CommandContext.of(tenant, actor, prefix + keys.incrementAndGet(), DAY);
        }

        Object facade(Class<?> type) {
            for (Object f : List.of(engine.posCards(), engine.customerCards(), engine.savingsPoints(), engine.customers(),
                    engine.savingsPoints().reports(), engine.credits())) {
                if (type.isInstance(f)) {
                    return f;
                }
            }
            throw new AssertionError("no facade of type " + type);
        }

        List<StoredOutcome> outcomes() {
            return store.inTransaction(tenant, tx -> tx.outcomes().all());
        }

        private static Outcome applied(Outcome o) {
            assertTrue(o.applied(), () -> o.command() + " was rejected: " + o.rejections());
            return o;
        }
    }

    /** Everything a tenant holds except its outcome log, read through the SPI. */
    record Snapshot(Map<String, Object> parts) {
        static Snapshot of(World w) {
            return w.store.inTransaction(w.tenant, tx -> {
                Map<String, Object> parts = new TreeMap<>();
                for (String program : PROGRAMS) {
                    List<Account> accounts = tx.accounts().ofProgram(program).stream()
                            .sorted(java.util.Comparator.comparing(Account::key)).toList();
                    parts.put("accounts " + program, accounts);
                    for (Account a : accounts) {
                        parts.put("ledger " + a.key(), tx.ledger().entries(a.key()));
                        parts.put("pending " + a.key(), tx.holds().pending(a.key()));
                    }
                    parts.put("settings " + program, tx.settings().of(program));
                }
                for (String type : DOCUMENT_TYPES) {
                    parts.put("documents " + type, tx.documents().list(type, null));
                }
                parts.put("holds R1", tx.holds().ofDocument("R1"));
                parts.put("cards", tx.cards().all());
                parts.put("customers", tx.customers().all());
                return new Snapshot(parts);
            });
        }
    }
}

package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.customers.ImportSummary;
import org.loyaltyengine.customers.WebshopOrder;
import org.loyaltyengine.points.PointsRequests;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests;
import org.loyaltyengine.rules.facts.CustomerSaved;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The hostile corpus (SPEC X-10): every input of {@link HostileCorpus}, tried through the public API on
 * a shop whose four programs all hold state, must be refused, typed (a {@link LoyaltyException} with
 * the expected stable code) or as a rejected outcome with the expected reason code, and must leave the
 * tenant exactly as it was: a full {@link TenantSnapshot} before and after each input is compared; the
 * only change allowed is the stored rejection under the input's own idempotency key.
 *
 * <p>Abstract so that every store runs the same corpus: {@code HostileCorpusInMemoryTest} here, the
 * JPA adapter's tests on H2, PostgreSQL and MariaDB.
 */
@Tag("X-10")
public abstract class HostileCorpusContract {
    /** The store under test; a new one, or a shared one (the corpus works in a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    @TestFactory
    Stream<DynamicTest> everyHostileInputIsRefusedAndLeavesTheTenantUnchanged() {
        Shop shop = new Shop(newStore());
        return HostileCorpus.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> shop.attack(c)));
    }

    @Test
    void corpus_holdsAtLeast150NamedCasesWithDistinctNames() {
        List<HostileCase> cases = HostileCorpus.cases();
        assertTrue(cases.size() >= 150, () -> "the corpus holds " + cases.size() + " cases");
        Set<String> names = new HashSet<>();
        cases.forEach(c -> assertTrue(names.add(c.name()), () -> "two cases are named '" + c.name() + "'"));
    }

    @Test
    void attack_reportsAnInputThatChangesTheTenantOrAnswersWithAnotherCode() {
        Shop shop = new Shop(newStore());
        HostileCase writesThenThrows = new HostileCase("writes, then throws", Expect.error("INVALID_VALUE"), s -> {
            s.pos().changeCredit(s.owner(), new PosRequests.ChangeCredit("C1", Shop.czk("1.00"), "slipped through"));
            throw new org.loyaltyengine.spi.InvalidValueException("refused after the write");
        });
        AssertionError changed = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> shop.attack(writesThenThrows));
        assertTrue(changed.getMessage().startsWith("writes, then throws: "), changed.getMessage());
        HostileCase otherCode = new HostileCase("other code", Expect.rejected("RECEIPT_NOT_OPEN"),
                s -> s.pos().openReceipt(s.cashier(), new PosRequests.OpenReceipt("R1", Money.currency("CZK"))));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> shop.attack(otherCode));
        HostileCase applied = new HostileCase("applied", Expect.rejected("INSUFFICIENT_CREDIT"),
                s -> s.pos().openReceipt(s.cashier(), new PosRequests.OpenReceipt("R99", Money.currency("CZK"))));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> shop.attack(applied));
    }

    // ------------------------------------------------------------------ the cases' vocabulary

    /** What a hostile input must meet: a typed error with this code, or a rejection with this reason. */
    public record Expect(boolean typedError, String code) {
        public static Expect error(String code) {
            return new Expect(true, code);
        }

        public static Expect rejected(String code) {
            return new Expect(false, code);
        }
    }

    /** One named hostile input: what it does to the shop and what the engine must answer. */
    public record HostileCase(String name, Expect expect, Function<Shop, Object> attack) {
    }

    /**
     * A shop in a fresh tenant with state in every program: POS cards with credit, an open receipt with a
     * reservation, a paid one, a discount receipt, an empty one and one with a cashier's discount; a customer card with an enrolled customer and a locked
     * sale; savings points with a supplier, a booking and a points payment; customers with a custom
     * field and a webshop order. Its methods give the cases contexts, requests and names of that state.
     */
    public static final class Shop {
        public static final LocalDate DAY = LocalDate.of(2026, 3, 14);
        public static final Actor CASHIER = Actor.of("cashier-eva");
        public static final Actor CLERK = Actor.of("clerk-anna", Customers.WRITE_PERMISSION,
                Customers.IMPORT_PERMISSION);
        /** Seeds the shop: holds every permission the programs ask for. */
        public static final Actor OWNER = Actor.of("owner-olga", CustomerCards.MANUAL_PERMISSION,
                CustomerCards.SETTINGS_PERMISSION, CustomerCards.CATALOGUE_PERMISSION,
                CustomerCards.ENROL_ALL_PERMISSION, SavingsPoints.ADMIN_PERMISSION,
                Customers.SETTINGS_PERMISSION, Customers.WRITE_PERMISSION,
                Customers.IMPORT_PERMISSION, PosCards.CARDS_PERMISSION, PosCards.SETTINGS_PERMISSION,
                PosCards.MANUAL_PERMISSION);
        public static final String SEED_TOP_UP = "seed-pos-top-up";
        public static final String SEED_CUSTOMER = "seed-customer-k1";

        public final LoyaltyEngine engine;
        /** The store the engine runs on, read whole before and after each attack. */
        private final LoyaltyStore store;
        public final TenantId tenant = TenantId.of("hostile-" + UUID.randomUUID().toString().substring(0, 12));
        /** Ids of the customers K1 (in every program), K2 (enrolled in the card, nothing on it), K3 (in none). */
        public final String k1;
        public final String k2;
        public final String k3;
        private final AtomicInteger caseNumber = new AtomicInteger();
        private final AtomicInteger keys = new AtomicInteger();
        private volatile String prefix = "seed-";

        Shop(LoyaltyStore store) {
            this.store = store;
            engine = LoyaltyEngine.builder().store(store).clock(new MutableClock(Instant.parse("2026-03-14T09:00:00Z")))
                    .build();
            PosCards pos = engine.posCards();
            applied(pos.configure(as(OWNER), new PosRequests.Configure(30)));
            applied(pos.defineCard(as(OWNER), new Card("D1", "Jana", "Nováková", new BigDecimal("10"), false, false,
                    Money.currency("CZK"))));
            applied(pos.defineCard(as(OWNER), new Card("C1", "Petr", "Svoboda", BigDecimal.ZERO, true, true,
                    Money.currency("CZK"))));
            applied(pos.defineCard(as(OWNER), new Card("E1", "Eva", "Dvořák", BigDecimal.ZERO, true, true,
                    Money.currency("EUR"))));
            applied(pos.changeCredit(CommandContext.of(tenant, OWNER, SEED_TOP_UP, DAY),
                    new PosRequests.ChangeCredit("C1", czk("500.00"), "opening balance")));
            applied(pos.openReceipt(as(CASHIER), new PosRequests.OpenReceipt("R1", Money.currency("CZK"))));
            applied(pos.identifyCard(as(CASHIER), new PosRequests.IdentifyCard("R1", "C1", PosRequests.CardMode.CREDIT)));
            applied(pos.addItem(as(CASHIER), PosRequests.AddItem.of("R1", "1", "coffee", czk("45.00"), "21")));
            applied(pos.openReceipt(as(CASHIER), new PosRequests.OpenReceipt("R2", Money.currency("CZK"))));
            applied(pos.addItem(as(CASHIER), PosRequests.AddItem.of("R2", "1", "tea", czk("10.00"), "21")));
            applied(pos.pay(as(CASHIER), new PosRequests.PayReceipt("R2")));
            applied(pos.openReceipt(as(CASHIER), new PosRequests.OpenReceipt("R3", Money.currency("CZK"))));
            applied(pos.identifyCard(as(CASHIER), new PosRequests.IdentifyCard("R3", "D1", PosRequests.CardMode.DISCOUNT)));
            applied(pos.addItem(as(CASHIER), PosRequests.AddItem.of("R3", "1", "bread", czk("20.00"), "15")));
            applied(pos.openReceipt(as(CASHIER), new PosRequests.OpenReceipt("R4", Money.currency("CZK"))));
            applied(pos.openReceipt(as(CASHIER), new PosRequests.OpenReceipt("R5", Money.currency("CZK"))));
            applied(pos.addItem(as(CASHIER), PosRequests.AddItem.of("R5", "1", "cake", czk("30.00"), "15")
                    .withManualDiscount("10")));

            Customers customers = engine.customers();
            applied(customers.declareField(as(OWNER), "vip", CustomFieldType.BOOLEAN));
            k1 = applied(customers.create(CommandContext.of(tenant, OWNER, SEED_CUSTOMER, DAY),
                    CustomerProfile.builder("Bakkerij de Vries").number("K1").email("info@devries.nl").build()))
                    .result(CustomerSaved.class).orElseThrow().customerId();
            k2 = applied(customers.create(as(OWNER), CustomerProfile.builder("Jansen BV").number("K2").build()))
                    .result(CustomerSaved.class).orElseThrow().customerId();
            k3 = applied(customers.create(as(OWNER), CustomerProfile.builder("Pietersen").number("K3").build()))
                    .result(CustomerSaved.class).orElseThrow().customerId();
            applied(customers.receiveOrder(as(CLERK), WebshopOrder.of("O1", "K1", null, Money.currency("EUR"),
                    List.of(new WebshopOrder.Line("1", "widget", BigDecimal.ONE, new BigDecimal("10.00"))))));

            CustomerCards cards = engine.customerCards();
            applied(cards.configure(as(OWNER), CardRequests.Configure.percent("10")));
            applied(cards.defineProduct(as(OWNER), new CardRequests.DefineProduct("food", LocalDate.of(2020, 1, 1),
                    true, null)));
            applied(cards.enrol(as(CLERK), new CardRequests.Enrol(k1)));
            applied(cards.enrol(as(CLERK), new CardRequests.Enrol(k2)));
            applied(cards.lock(as(CLERK), sale("S1", k1, saleLine("1", "food", "2", "30.00"))));

            SavingsPoints points = engine.savingsPoints();
            applied(points.configure(as(OWNER), PointsSettings.defaults().with(Map.of("rate", "0.20", "paymentType",
                    "SPAARPUNTEN", "directlyAvailable", "true", "paymentMaximumPercent", "100"))));
            applied(points.defineSupplier(as(OWNER), PointsRequests.Supplier.enabled("TUI")));
            applied(points.book(as(CLERK), PointsRequests.Booking.of("B1", k1,
                    PointsRequests.Service.of("1", "TUI", "flight", eur("500.00")))));
            applied(points.payWithPoints(as(CLERK), new PointsRequests.PointsPayment("B1", eur("20.00"))));
        }

        /** A context of {@code actor} under a fresh key of the current case. */
        public CommandContext as(Actor actor) {
            return CommandContext.of(tenant, actor, key(), DAY);
        }

        /** A fresh key of the current case. */
        public String key() {
            return prefix + "k" + keys.incrementAndGet();
        }

        public CommandContext cashier() {
            return as(CASHIER);
        }

        public CommandContext clerk() {
            return as(CLERK);
        }

        public CommandContext owner() {
            return as(OWNER);
        }

        public PosCards pos() {
            return engine.posCards();
        }

        public CustomerCards cards() {
            return engine.customerCards();
        }

        public SavingsPoints points() {
            return engine.savingsPoints();
        }

        public Customers customers() {
            return engine.customers();
        }

        public static Money czk(String amount) {
            return Money.of(amount, "CZK");
        }

        public static Money eur(String amount) {
            return Money.of(amount, "EUR");
        }

        public static CardRequests.SaleLine saleLine(String id, String product, String quantity, String amount) {
            return new CardRequests.SaleLine(id, product, new BigDecimal(quantity), eur(amount));
        }

        public static CardRequests.Sale sale(String document, String customer, CardRequests.SaleLine... lines) {
            return new CardRequests.Sale(document, customer, DAY, Money.currency("EUR"), List.of(lines));
        }

        void attack(HostileCase c) {
            try {
                check(c);
            } catch (AssertionError e) {
                throw new AssertionError(c.name() + ": " + e.getMessage(), e);
            }
        }

        private void check(HostileCase c) {
            prefix = "case" + caseNumber.incrementAndGet() + "-";
            String own = prefix;
            TenantSnapshot before = TenantSnapshot.of(store, tenant);
            Object result;
            try {
                result = c.attack().apply(this);
            } catch (LoyaltyException e) {
                if (!c.expect().typedError()) {
                    fail("expected a rejection " + c.expect().code() + " but got the typed error " + e.code() + ": "
                            + e.getMessage(), e);
                }
                assertEquals(c.expect().code(), e.code(), () -> "the error says: " + e.getMessage());
                assertFalse(e.getMessage() == null || e.getMessage().isBlank(), "a typed error says what to fix");
                assertUnchanged(before, own, false);
                return;
            }
            if (c.expect().typedError()) {
                fail("expected the typed error " + c.expect().code() + " but the engine answered " + result);
            }
            if (result instanceof Outcome o) {
                assertTrue(o.rejected(), () -> "expected the rejection " + c.expect().code() + " but it was applied: "
                        + o);
                assertTrue(o.reasonCodes().contains(c.expect().code()), () -> "rejected with " + o.reasonCodes());
                o.rejections().forEach(r -> assertFalse(r.message().isBlank(), "a rejection says why"));
                assertTrue(o.entries().isEmpty() && o.holds().isEmpty(), () -> "a rejection moved value: " + o);
                assertTrue(o.values().isEmpty(), () -> "a rejection carries values that read as applied: " + o);
            } else if (result instanceof ImportSummary s) {
                assertEquals(0, s.created() + s.updated() + s.ignored(), () -> "rows went in: " + s);
                assertFalse(s.rejections().isEmpty(), "the import reports its rejected rows");
                s.rejections().forEach(r -> assertEquals(c.expect().code(), r.code(), () -> "row rejected as " + r));
            } else {
                fail("the case must end in a command's outcome or an import summary, was " + result);
            }
            assertUnchanged(before, own, true);
        }

        private void assertUnchanged(TenantSnapshot before, String own, boolean mayStoreRejection) {
            TenantSnapshot after = TenantSnapshot.of(store, tenant);
            for (Map.Entry<String, List<String>> part : before.parts().entrySet()) {
                assertEquals(part.getValue(), after.parts().get(part.getKey()), () -> part.getKey() + " changed");
            }
            List<String> kept = new ArrayList<>();
            for (StoredOutcome o : after.outcomes()) {
                if (o.key().value().startsWith(own)) {
                    assertTrue(mayStoreRejection && o.outcome().rejected(), () -> "stored for the hostile input: " + o);
                } else {
                    kept.add(o.toString());
                }
            }
            assertEquals(before.outcomes().stream().map(Object::toString).toList(), kept, "stored outcomes changed");
        }

        private static Outcome applied(Outcome o) {
            assertTrue(o.applied(), () -> "the shop could not be set up: " + o.rejections());
            return o;
        }
    }
}

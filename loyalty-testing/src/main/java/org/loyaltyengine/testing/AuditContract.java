package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.AuditRecord;
import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.card.CardRequests;
import org.loyaltyengine.customers.CustomFieldType;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.ImportOptions;
import org.loyaltyengine.customers.WebshopOrder;
import org.loyaltyengine.points.PointsRequests;
import org.loyaltyengine.pos.PosRequests;
import org.loyaltyengine.rules.facts.CustomerSaved;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.MutableClock;

/**
 * The audit trail (SPEC X-8): every outcome names its actor, and every change of
 * settings, catalogue, cards and master data is kept with actor, time and the state before and after,
 * readable through {@link LoyaltyEngine#audit()}. Abstract so that every store runs it.
 */
@Tag("X-8")
public abstract class AuditContract {
    static final LocalDate DAY = LocalDate.of(2026, 6, 15);
    static final Instant T0 = Instant.parse("2026-06-15T09:00:00Z");
    static final Actor ANNA = new Actor("anna", PermissionsContract.ALL);
    static final Actor BERT = new Actor("bert", PermissionsContract.ALL);

    protected MutableClock clock;
    protected LoyaltyEngine engine;
    /** The store the engine runs on, for the master data a host writes straight into it. */
    protected LoyaltyStore store;
    protected TenantId tenant;
    private Interleaving race;
    private final AtomicLong keys = new AtomicLong();

    /** The store under test; a new one, or a shared one (each test uses a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    @BeforeEach
    void setUpEngine() {
        clock = new MutableClock(T0);
        store = newStore();
        // Unarmed, it passes everything through; armed, it runs a second submission at the moment chosen.
        race = new Interleaving(store);
        engine = LoyaltyEngine.builder().store(race).clock(clock).build();
        tenant = TenantId.of("audit-" + UUID.randomUUID().toString().substring(0, 12));
    }

    CommandContext as(Actor actor) {
        return CommandContext.of(tenant, actor, "k" + keys.incrementAndGet(), DAY);
    }

    /** Moves the clock on a minute, so each change has a time of its own. */
    CommandContext later(Actor actor) {
        clock.advance(Duration.ofMinutes(1));
        return as(actor);
    }

    static Outcome applied(Outcome o) {
        assertTrue(o.applied(), () -> "expected applied, was " + o.rejections());
        return o;
    }

    private void customer(String id) {
        store.inTransaction(tenant, tx -> {
            if (tx.customers().find(id).isEmpty()) {
                tx.customers().insert(new Customer(id, null, "Customer " + id, Map.of()));
            }
            return null;
        });
    }

    // ------------------------------------------------------------------ POS card

    @Test
    @Tag("PC-1")
    void posCard_eachDefinitionIsKeptWithActorTimeAndBeforeAfter() {
        Outcome first = applied(engine.posCards().defineCard(later(ANNA), new Card("4242", "Jana", "Nováková",
                new BigDecimal("10"), false, false, Money.currency("CZK"))));
        Outcome second = applied(engine.posCards().defineCard(later(BERT), new Card("4242", "Jana", "Nováková",
                new BigDecimal("100"), false, false, Money.currency("CZK"))));
        assertEquals("anna", first.actor());
        assertEquals("bert", second.actor());

        List<AuditRecord> h = engine.audit().history(tenant, AuditTrail.POS_CARD, "4242");
        assertEquals(2, h.size());
        assertEquals("anna", h.get(0).actor());
        assertEquals("pos-card.define-card", h.get(0).command());
        assertEquals(T0.plusSeconds(60), h.get(0).at());
        assertEquals(DAY, h.get(0).businessDate());
        assertEquals(Map.of(), h.get(0).before(), "created: nothing before");
        assertEquals(Map.of("firstName", "Jana", "lastName", "Nováková", "discountPercent", "10",
                "creditDrawing", "false", "loadOntoCard", "false", "currency", "CZK"), h.get(0).after());
        assertEquals("bert", h.get(1).actor());
        assertEquals(T0.plusSeconds(120), h.get(1).at());
        assertEquals(second.idempotencyKey(), h.get(1).idempotencyKey());
        assertEquals("10", h.get(1).before().get("discountPercent"));
        assertEquals("100", h.get(1).after().get("discountPercent"));
    }

    @Test
    @Tag("PC-1")
    void posSettings_keptWithActor() {
        applied(engine.posCards().configure(later(ANNA), new PosRequests.Configure(30)));
        applied(engine.posCards().configure(later(BERT), new PosRequests.Configure(90)));
        List<AuditRecord> h = engine.audit().history(tenant, AuditTrail.POS_SETTINGS);
        assertEquals(List.of("anna", "bert"), h.stream().map(AuditRecord::actor).toList());
        assertEquals(Map.of("holdMinutes", "30", "requireModeChoice", "false", "discountNeedsCredit", "false"), h.get(1).before());
        assertEquals(Map.of("holdMinutes", "90", "requireModeChoice", "false", "discountNeedsCredit", "false"), h.get(1).after());
    }

    @Test
    void nothingIsKept_forADryRun_aRejection_aRefusal_orAChangeThatChangesNothing() {
        Card card = new Card("4242", "Jana", "Nováková", BigDecimal.TEN, false, false, Money.currency("CZK"));
        assertTrue(engine.posCards().defineCard(later(ANNA).asDryRun(), card).applied());
        assertTrue(engine.audit().history(tenant, AuditTrail.POS_CARD, "4242").isEmpty(), "a dry run writes nothing");
        Outcome refused = engine.posCards().defineCard(later(Actor.of("cashier")), card);
        assertEquals(List.of("PERMISSION_REQUIRED"), refused.reasonCodes());
        assertEquals("cashier", refused.actor(), "a refusal names who tried");
        assertTrue(engine.audit().history(tenant, AuditTrail.POS_CARD).isEmpty());

        applied(engine.posCards().defineCard(later(ANNA), card));
        applied(engine.posCards().defineCard(later(BERT), card));
        assertEquals(List.of("anna"), engine.audit().history(tenant, AuditTrail.POS_CARD, "4242").stream()
                .map(AuditRecord::actor).toList(), "the same definition again is no change");
    }

    // ------------------------------------------------------------------ customer card

    @Test
    @Tag("CC-1")
    @Tag("CC-2")
    @Tag("CC-3")
    void customerCard_settingsCatalogueAndEnrolments_keptWithActor() {
        customer("c1");
        customer("c2");
        Outcome configured = applied(engine.customerCards().configure(later(ANNA), CardRequests.Configure.percent("10")));
        assertEquals("anna", configured.actor());
        applied(engine.customerCards().configure(later(BERT), CardRequests.Configure.percent("100")));
        List<AuditRecord> settings = engine.audit().history(tenant, AuditTrail.CARD_SETTINGS, "customer-card");
        assertEquals(List.of("anna", "bert"), settings.stream().map(AuditRecord::actor).toList());
        assertEquals("10", settings.get(1).before().get("defaultPercent"));
        assertEquals("100", settings.get(1).after().get("defaultPercent"));
        assertEquals("customer-card.configure", settings.get(1).command());

        applied(engine.customerCards().defineProduct(later(ANNA), new CardRequests.DefineProduct("food",
                LocalDate.of(2020, 1, 1), true, null)));
        applied(engine.customerCards().defineProduct(later(BERT), new CardRequests.DefineProduct("food",
                LocalDate.of(2026, 1, 1), false, null)));
        List<AuditRecord> product = engine.audit().history(tenant, AuditTrail.CARD_PRODUCT, "food");
        assertEquals(List.of("anna", "bert"), product.stream().map(AuditRecord::actor).toList());
        assertEquals("true", product.get(1).after().get("lines.2020-01-01.eligible"));
        assertEquals("false", product.get(1).after().get("lines.2026-01-01.eligible"));
        assertEquals(null, product.get(1).before().get("lines.2026-01-01.eligible"));

        applied(engine.customerCards().enrol(later(ANNA), new CardRequests.Enrol("c1")));
        applied(engine.customerCards().enrolAll(later(BERT)));
        assertEquals("anna", engine.audit().history(tenant, AuditTrail.CARD_ENROLMENT, "c1").get(0).actor());
        List<AuditRecord> bulk = engine.audit().history(tenant, AuditTrail.CARD_ENROLMENT, "c2");
        assertEquals(1, bulk.size());
        assertEquals("bert", bulk.get(0).actor());
        assertEquals("ENROLLED", bulk.get(0).after().get("status"));
        assertEquals(2, engine.audit().history(tenant, AuditTrail.CARD_ENROLMENT).size());
    }

    // ------------------------------------------------------------------ savings points

    @Test
    @Tag("SP-19")
    void points_settingsSuppliersAndParticipation_keptWithActor() {
        customer("c1");
        applied(engine.savingsPoints().configure(later(ANNA), PointsSettings.defaults().with(Map.of("rate", "0.5"))));
        applied(engine.savingsPoints().configure(later(BERT), PointsSettings.defaults().with(Map.of("rate", "2"))));
        List<AuditRecord> settings = engine.audit().history(tenant, AuditTrail.POINTS_SETTINGS);
        assertEquals(List.of("anna", "bert"), settings.stream().map(AuditRecord::actor).toList());
        assertEquals("0.5", settings.get(1).before().get("rate"));
        assertEquals("2", settings.get(1).after().get("rate"));

        applied(engine.savingsPoints().defineSupplier(later(ANNA), PointsRequests.Supplier.enabled("TUI")));
        AuditRecord supplier = engine.audit().history(tenant, AuditTrail.POINTS_SUPPLIER, "TUI").get(0);
        assertEquals("anna", supplier.actor());
        assertEquals("ENABLED", supplier.after().get("status"));

        applied(engine.savingsPoints().setParticipation(later(BERT), new PointsRequests.Participation("c1", false)));
        AuditRecord participation = engine.audit().history(tenant, AuditTrail.POINTS_PARTICIPATION, "c1").get(0);
        assertEquals("bert", participation.actor());
        assertEquals("OPTED_OUT", participation.after().get("status"));
    }

    // ------------------------------------------------------------------ customers

    @Test
    @Tag("CU-1")
    void customers_createUpdateImportFieldsAndOrders_keptWithActor() {
        String id = applied(engine.customers().create(later(ANNA), CustomerProfile.builder("Jansen").number("K1")
                .build())).result(CustomerSaved.class).orElseThrow().customerId();
        Outcome updated = applied(engine.customers().update(later(BERT), id, CustomerProfile.builder("Jansen")
                .number("K1").discountPercent(new BigDecimal("15")).build()));
        assertEquals("bert", updated.actor());
        List<AuditRecord> h = engine.audit().history(tenant, AuditTrail.CUSTOMER, id);
        assertEquals(List.of("customers.create", "customers.update"), h.stream().map(AuditRecord::command).toList());
        assertEquals(List.of("anna", "bert"), h.stream().map(AuditRecord::actor).toList());
        assertEquals(Map.of("name", "Jansen", "number", "K1", "attribute.autosplit", "false",
                "attribute.calculateVat", "true"), h.get(0).after());
        assertEquals(null, h.get(1).before().get("attribute.discountPercent"));
        assertEquals("15", h.get(1).after().get("attribute.discountPercent"));

        engine.customers().importCsv(later(ANNA), new StringReader("number;name\nK1;Jansen BV\nK2;Bakker\n"),
                ImportOptions.updating());
        List<AuditRecord> afterImport = engine.audit().history(tenant, AuditTrail.CUSTOMER, id);
        assertEquals(3, afterImport.size());
        assertEquals("customers.import-row", afterImport.get(2).command());
        assertEquals("Jansen BV", afterImport.get(2).after().get("name"));
        String k2 = engine.customers().findByNumber(tenant, "K2").orElseThrow().id();
        assertEquals("anna", engine.audit().history(tenant, AuditTrail.CUSTOMER, k2).get(0).actor());

        applied(engine.customers().receiveOrder(later(Actor.of("webshop")), WebshopOrder.of("O1", "K9",
                CustomerProfile.named("Nieuw"), Money.currency("EUR"),
                List.of(new WebshopOrder.Line("1", "shoes", BigDecimal.ONE, new BigDecimal("50"))))));
        String k9 = engine.customers().findByNumber(tenant, "K9").orElseThrow().id();
        assertEquals("webshop", engine.audit().history(tenant, AuditTrail.CUSTOMER, k9).get(0).actor());
        applied(engine.customers().receiveOrder(later(Actor.of("webshop")), WebshopOrder.of("O2", "K9", null,
                Money.currency("EUR"), List.of(new WebshopOrder.Line("1", "socks", BigDecimal.ONE, BigDecimal.TEN)))));
        assertEquals(1, engine.audit().history(tenant, AuditTrail.CUSTOMER, k9).size(),
                "an order linked to a known customer changes no master data");
        assertEquals(java.util.Set.of(id, k2, k9), engine.audit().history(tenant, AuditTrail.CUSTOMER).stream()
                .map(AuditRecord::subject).collect(java.util.stream.Collectors.toSet()));

        applied(engine.customers().declareField(later(BERT), "vip", CustomFieldType.BOOLEAN));
        AuditRecord field = engine.audit().history(tenant, AuditTrail.CUSTOMER_SETTINGS, "customers").get(0);
        assertEquals("bert", field.actor());
        assertEquals(Map.of("field.vip", "BOOLEAN"), field.after());
    }

    @Test
    @Tag("CU-4")
    void receiveOrder_cannotGiveItsBuyerADiscount() {
        WebshopOrder order = WebshopOrder.of("O1", "K9", CustomerProfile.builder("Nieuw")
                .discountPercent(new BigDecimal("100")).build(), Money.currency("EUR"),
                List.of(new WebshopOrder.Line("1", "shoes", BigDecimal.ONE, new BigDecimal("50"))));
        InvalidValueException e = assertThrows(InvalidValueException.class,
                () -> engine.customers().receiveOrder(later(Actor.of("webshop")), order));
        assertTrue(e.getMessage().contains("customers.write"), e.getMessage());
        assertTrue(engine.customers().all(tenant).isEmpty());
    }

    // ------------------------------------------------------------------ one key submitted twice at once

    /**
     * {@code submit} twice under one key at the same moment: the second submission passes the key's look-up
     * while the first, holding its locks, has read what it decides on and not yet committed ({@link
     * Interleaving} starts it there). It waits for the first, then must answer with the first's stored
     * outcome, and nothing is written twice. With {@code between}, another change of the same subject under
     * another key queues for the first's locks ahead of the second submission: a second decision would then
     * change the subject back from what that change left, and keep an audit record under a key that has one.
     */
    private Outcome submittedTwiceAtOnce(CommandContext ctx, Function<LoyaltyEngine, Outcome> submit,
                                         Function<LoyaltyEngine, Outcome> between, String kind) throws Exception {
        CompletableFuture<Outcome> other = new CompletableFuture<>();
        Future<Outcome> second = race.once(Interleaving.Point.BEFORE_LOCK, () -> {
            if (between == null) {
                other.complete(null);
            } else {
                Thread t = new Thread(() -> {
                    try {
                        other.complete(between.apply(engine));
                    } catch (Throwable e) {
                        other.completeExceptionally(e);
                    }
                }, "between");
                t.setDaemon(true);
                t.start();
                // Time for the other change to queue for the first's locks, ahead of the second submission.
                Thread.sleep(250);
            }
            return submit.apply(engine);
        });
        Outcome first = applied(submit.apply(engine));
        Outcome meanwhile = other.get(30, TimeUnit.SECONDS);
        if (meanwhile != null) {
            applied(meanwhile);
        }
        assertEquals(first, second.get(30, TimeUnit.SECONDS), "the second submission replays the first's outcome");
        assertEquals(1, engine.audit().history(tenant, kind).stream()
                .filter(r -> r.idempotencyKey().equals(ctx.key().value())).count(), "one change, kept once");
        assertEquals(1, store.inTransaction(tenant, tx -> tx.outcomes().all()).stream()
                .filter(o -> o.key().equals(ctx.key())).count(), "one outcome under the key");
        return first;
    }

    @Test
    @Tag("X-4")
    @Tag("SP-19")
    void points_aSettingsChangeSubmittedTwiceAtOnceUnderOneKeyIsDecidedOnce() throws Exception {
        CommandContext ctx = later(ANNA);
        submittedTwiceAtOnce(ctx, e -> e.savingsPoints().configure(ctx, PointsSettings.defaults()
                .with(Map.of("rate", "0.5"))), null, AuditTrail.POINTS_SETTINGS);
        assertEquals("0.5", engine.audit().history(tenant, AuditTrail.POINTS_SETTINGS, "savings-points").get(0)
                .after().get("rate"));
    }

    @Test
    @Tag("X-4")
    @Tag("SP-7")
    void points_aParticipationSubmittedTwiceAtOnceUnderOneKeyIsDecidedOnce() throws Exception {
        customer("c1");
        CommandContext ctx = later(ANNA);
        submittedTwiceAtOnce(ctx, e -> e.savingsPoints().setParticipation(ctx,
                new PointsRequests.Participation("c1", false)), null, AuditTrail.POINTS_PARTICIPATION);
    }

    @Test
    @Tag("X-4")
    @Tag("CC-1")
    void customerCard_aSettingsChangeSubmittedTwiceAtOnceUnderOneKeyIsDecidedOnce() throws Exception {
        applied(engine.customerCards().configure(later(ANNA), CardRequests.Configure.percent("10")));
        CommandContext ctx = later(BERT);
        submittedTwiceAtOnce(ctx, e -> e.customerCards().configure(ctx, CardRequests.Configure.percent("20")), null,
                AuditTrail.CARD_SETTINGS);
        // The first configure's record and the raced one's, once.
        List<AuditRecord> h = engine.audit().history(tenant, AuditTrail.CARD_SETTINGS, "customer-card");
        assertEquals(List.of("anna", "bert"), h.stream().map(AuditRecord::actor).toList());
        assertEquals("20", h.get(1).after().get("defaultPercent"));
    }

    @Test
    @Tag("X-4")
    @Tag("CC-2")
    void customerCard_anEnrolmentSubmittedTwiceAtOnceUnderOneKeyIsDecidedOnce() throws Exception {
        customer("c1");
        CommandContext ctx = later(ANNA);
        submittedTwiceAtOnce(ctx, e -> e.customerCards().enrol(ctx, new CardRequests.Enrol("c1")), null,
                AuditTrail.CARD_ENROLMENT);
    }

    @Test
    @Tag("X-4")
    @Tag("PC-1")
    void posSettings_aChangeSubmittedTwiceAtOnceUnderOneKeyIsDecidedOnce() throws Exception {
        CommandContext ctx = later(ANNA);
        submittedTwiceAtOnce(ctx, e -> e.posCards().configure(ctx, new PosRequests.Configure(45)), null,
                AuditTrail.POS_SETTINGS);
    }

    @Test
    @Tag("X-4")
    @Tag("CU-1")
    void customers_aCreateSubmittedTwiceAtOnceUnderOneKeyIsDecidedOnce() throws Exception {
        CommandContext ctx = later(ANNA);
        CustomerProfile profile = CustomerProfile.builder("Jansen").number("K1").build();
        submittedTwiceAtOnce(ctx, e -> e.customers().create(ctx, profile), null, AuditTrail.CUSTOMER);
        assertEquals(1, engine.customers().all(tenant).size());
    }

    @Test
    @Tag("X-4")
    @Tag("SP-19")
    void points_aSettingsChangeSubmittedTwiceAtOnceWithAnotherChangeBetweenIsDecidedOnce() throws Exception {
        CommandContext ctx = later(ANNA);
        CommandContext between = as(BERT);
        submittedTwiceAtOnce(ctx, e -> e.savingsPoints().configure(ctx, PointsSettings.defaults()
                        .with(Map.of("rate", "0.5"))),
                e -> e.savingsPoints().configure(between, PointsSettings.defaults().with(Map.of("rate", "2"))),
                AuditTrail.POINTS_SETTINGS);
        // The other change came after the first submission, and the second changed nothing back.
        List<AuditRecord> h = engine.audit().history(tenant, AuditTrail.POINTS_SETTINGS, "savings-points");
        assertEquals("2", h.get(h.size() - 1).after().get("rate"));
        assertEquals("2", engine.savingsPoints().settings(tenant).rate().toPlainString());
    }

    @Test
    @Tag("X-4")
    @Tag("CU-1")
    void customers_anUpdateSubmittedTwiceAtOnceWithAnotherUpdateBetweenIsDecidedOnce() throws Exception {
        String id = applied(engine.customers().create(later(ANNA), CustomerProfile.builder("Jansen").number("K1")
                .build())).result(CustomerSaved.class).orElseThrow().customerId();
        CommandContext ctx = later(BERT);
        CommandContext between = as(ANNA);
        submittedTwiceAtOnce(ctx, e -> e.customers().update(ctx, id, CustomerProfile
                        .builder("Jansen").number("K1").discountPercent(new BigDecimal("15")).build()),
                e -> e.customers().update(between, id, CustomerProfile.builder("Jansen").number("K1")
                        .discountPercent(new BigDecimal("20")).build()),
                AuditTrail.CUSTOMER);
        assertEquals(3, engine.audit().history(tenant, AuditTrail.CUSTOMER, id).size());
    }

    @Test
    void anUnknownKindIsATypedError() {
        assertThrows(InvalidValueException.class, () -> engine.audit().history(tenant, "pos-card.cards", "4242"));
    }
}

package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.CommandHistory;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.PermissionRequiredException;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.pos.PosRequests.RemoveCard;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.CommandLogQuery;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The command log (SPEC X-11) on any store, through the public API: every applied or rejected command is
 * logged with its request, actor, dates and outcome, in the order it ran and in the transaction of its
 * outcome (a dry run, a repeat or a command that rolled back leaves nothing); the log reads by period and
 * command, pages, exports as JSON lines that import back to equal entries, and needs its permission. Its
 * fingerprint is taken of the canonical JSON, and an outcome stored under the older fingerprint of the
 * request's text still answers its own request (SPEC X-4). Abstract so that every store runs it:
 * {@code CommandLogInMemoryTest} here, the JPA adapter's nested suite on each database.
 */
@Tag("X-11")
public abstract class CommandLogContract {
    protected static final LocalDate DAY = LocalDate.of(2026, 3, 31);
    protected static final Instant START = Instant.parse("2026-03-31T09:00:00Z");
    protected static final Actor CASHIER = Actor.of("cashier-eva", PosCards.CARDS_PERMISSION);
    protected static final Actor AUDITOR = Actor.of("auditor-jan", CommandHistory.READ_PERMISSION);

    protected MutableClock clock;
    protected LoyaltyStore store;
    protected LoyaltyEngine engine;
    protected PosCards pos;
    protected TenantId shop;
    private final AtomicLong keys = new AtomicLong();

    /** The store under test; a new one, or a shared one (each test uses a fresh tenant). */
    protected abstract LoyaltyStore newStore();

    @BeforeEach
    void setUpEngine() {
        clock = new MutableClock(START);
        store = newStore();
        engine = LoyaltyEngine.builder().store(store).clock(clock).build();
        pos = engine.posCards();
        shop = TenantId.of("log-" + UUID.randomUUID().toString().substring(0, 12));
    }

    private CommandContext next() {
        return CommandContext.of(shop, CASHIER, "k" + keys.incrementAndGet(), DAY);
    }

    private List<CommandLogEntry> log() {
        return engine.commandLog().read(shop, AUDITOR, CommandLogQuery.all());
    }

    private static Money czk(String amount) {
        return Money.of(amount, "CZK");
    }

    private static Card card(String number) {
        return new Card(number, "Petr", "Svoboda", new BigDecimal("5"), false, false, Money.currency("CZK"));
    }

    // ------------------------------------------------------------------ what is logged

    @Test
    void read_appliedAndRejectedCommands_inTheOrderTheyRanWithTheirFields() {
        Outcome defined = pos.defineCard(next(), card("1001"));
        clock.advance(Duration.ofSeconds(10));
        Outcome opened = pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK")));
        clock.advance(Duration.ofSeconds(10));
        // Rejected by a rule: there is no card on the receipt to remove.
        Outcome noCard = pos.removeCard(next(), new RemoveCard("R1"));
        clock.advance(Duration.ofSeconds(10));
        // Rejected by the pipeline before any rule: the cashier may not change credit by hand.
        Outcome refused = pos.changeCredit(next(), new ChangeCredit("1001", czk("50.00"), "gift"));

        List<CommandLogEntry> log = log();

        assertEquals(List.of("pos-card.define-card", "pos-card.open-receipt", "pos-card.remove-card",
                "pos-card.change-credit"), log.stream().map(CommandLogEntry::command).toList());
        assertEquals(List.of("k1", "k2", "k3", "k4"), log.stream().map(e -> e.key().value()).toList());
        for (int i = 1; i < log.size(); i++) {
            assertTrue(log.get(i).sequence() > log.get(i - 1).sequence(), "sequences increase: " + log);
        }
        assertEquals(List.of(defined, opened, noCard, refused), log.stream().map(CommandLogEntry::outcome).toList());
        assertEquals(List.of(Outcome.Status.APPLIED, Outcome.Status.APPLIED, Outcome.Status.REJECTED,
                Outcome.Status.REJECTED), log.stream().map(CommandLogEntry::status).toList());
        assertEquals(List.of("NO_ACTIVE_CARD"), log.get(2).outcome().reasonCodes());
        assertEquals(List.of("PERMISSION_REQUIRED"), log.get(3).outcome().reasonCodes());

        CommandLogEntry open = log.get(1);
        assertEquals(shop, open.tenant());
        assertEquals("cashier-eva", open.actor());
        assertEquals(List.of(PosCards.CARDS_PERMISSION), open.permissions());
        assertEquals(DAY, open.businessDate());
        assertEquals(Instant.parse("2026-03-31T09:00:10Z"), open.recordedAt());
        assertEquals("org.loyaltyengine.pos.PosRequests$OpenReceipt", open.requestType());
        assertEquals("{\"currency\":\"CZK\",\"receiptId\":\"R1\"}", open.request());
        assertEquals("pos-card", open.ruleSet());
        assertEquals(opened.ruleVersion(), open.ruleVersion());
        assertEquals(opened.rulesFired(), open.rulesFired());
        assertFalse(log.get(2).rulesFired().isEmpty(), "the rule that refused the removal is named");
        assertEquals(noCard.rulesFired(), log.get(2).rulesFired());
        assertTrue(log.get(3).rulesFired().isEmpty(), "no rule ran for a refused permission");
        assertEquals(Instant.parse("2026-03-31T09:00:30Z"), log.get(3).recordedAt());
    }

    @Test
    void request_decimalsKeepTheirScaleAndKeysAreSorted() {
        pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK")));
        pos.addItem(next(), new AddItem("R1", "1", "coffee", czk("45.50"), false, new BigDecimal("21.0"), null));

        CommandLogEntry item = log().get(1);

        assertEquals("{\"creditItem\":false,\"lineId\":\"1\",\"manualDiscountPercent\":null,"
                + "\"price\":{\"amount\":\"45.50\",\"currency\":\"CZK\"},\"product\":\"coffee\",\"receiptId\":\"R1\","
                + "\"vatPercent\":\"21.0\"}", item.request());
    }

    @Test
    void readRequest_rebuildsTheRequestEachEntryHolds() {
        Card card = card("1001");
        OpenReceipt open = new OpenReceipt("R1", Money.currency("CZK"));
        IdentifyCard identify = new IdentifyCard("R1", "1001", null);
        AddItem item = AddItem.of("R1", "1", "coffee", czk("45.00"), "21").withManualDiscount("12.5");
        pos.defineCard(next(), card);
        pos.openReceipt(next(), open);
        pos.identifyCard(next(), identify);
        pos.addItem(next(), item);

        List<Object> requests = log().stream().map(engine.commandLog()::readRequest).toList();

        assertEquals(List.of(card, open, identify, item), requests);
    }

    @Test
    void dryRun_andRepeat_logNothing() {
        pos.openReceipt(next().asDryRun(), new OpenReceipt("R1", Money.currency("CZK")));
        CommandContext once = next();
        pos.openReceipt(once, new OpenReceipt("R2", Money.currency("CZK")));
        pos.openReceipt(once, new OpenReceipt("R2", Money.currency("CZK")));

        assertEquals(List.of("k2"), log().stream().map(e -> e.key().value()).toList());
    }

    @Test
    void rolledBack_commands_leaveNoEntry() {
        FaultyStore faulty = new FaultyStore(store).refuse("Geweigerd BV");
        LoyaltyEngine onFaulty = LoyaltyEngine.builder().store(faulty).clock(clock).build();
        Actor clerk = Actor.of("clerk-ria", Customers.WRITE_PERMISSION);
        Outcome first = onFaulty.customers().create(CommandContext.of(shop, clerk, "c1", DAY),
                CustomerProfile.named("Aangenomen BV"));

        // The store refuses the write: the command rolls back, its outcome and its entry with it.
        LoyaltyException refused = assertThrows(LoyaltyException.class, () -> onFaulty.customers()
                .create(CommandContext.of(shop, clerk, "c2", DAY), CustomerProfile.named("Geweigerd BV")));
        assertEquals("STORE_FAILED", refused.code());
        // A request the command refuses while it reads (a receipt that does not exist) writes nothing either.
        assertThrows(LoyaltyException.class, () -> onFaulty.posCards().removeCard(
                CommandContext.of(shop, CASHIER, "c3", DAY), new RemoveCard("NO-SUCH-RECEIPT")));
        Outcome after = onFaulty.customers().create(CommandContext.of(shop, clerk, "c4", DAY),
                CustomerProfile.named("Later BV"));

        assertTrue(first.applied() && after.applied());
        assertEquals(List.of("c1", "c4"), log().stream().map(e -> e.key().value()).toList());
        assertEquals(List.of("customers.create", "customers.create"), log().stream().map(CommandLogEntry::command)
                .toList());
    }

    // ------------------------------------------------------------------ reading

    @Test
    void read_byPeriodCommandAndPage() {
        for (int i = 1; i <= 4; i++) {
            // Opened at 09:00, 09:01, 09:02, 09:03, each followed a second later by a refused card removal.
            pos.openReceipt(next(), new OpenReceipt("R" + i, Money.currency("CZK")));
            clock.advance(Duration.ofSeconds(1));
            pos.removeCard(next(), new RemoveCard("R" + i));
            clock.advance(Duration.ofSeconds(59));
        }
        CommandLogQuery all = CommandLogQuery.all();
        CommandHistory history = engine.commandLog();

        List<CommandLogEntry> period = history.read(shop, AUDITOR, all.between(Instant.parse("2026-03-31T09:01:00Z"),
                Instant.parse("2026-03-31T09:03:00Z")));
        List<CommandLogEntry> opens = history.read(shop, AUDITOR, all.command("pos-card.open-receipt"));
        List<CommandLogEntry> firstPage = history.read(shop, AUDITOR, all.limit(3));
        List<CommandLogEntry> secondPage = history.read(shop, AUDITOR, all.limit(3).after(firstPage.get(2).sequence()));

        // [09:01, 09:03): the opening at 09:01 and the removal at 09:01:01, the two at 09:02 and 09:02:01.
        assertEquals(List.of("k3", "k4", "k5", "k6"), period.stream().map(e -> e.key().value()).toList());
        assertEquals(List.of("k1", "k3", "k5", "k7"), opens.stream().map(e -> e.key().value()).toList());
        assertEquals(List.of("k1", "k2", "k3"), firstPage.stream().map(e -> e.key().value()).toList());
        assertEquals(List.of("k4", "k5", "k6"), secondPage.stream().map(e -> e.key().value()).toList());
        assertTrue(history.read(TenantId.of(shop.value() + "-other"), AUDITOR, all).isEmpty(),
                "another tenant sees nothing of this one's log");
    }

    @Test
    void read_andExport_needThePermission() {
        pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK")));
        CommandHistory history = engine.commandLog();

        PermissionRequiredException read = assertThrows(PermissionRequiredException.class,
                () -> history.read(shop, CASHIER, CommandLogQuery.all()));
        PermissionRequiredException export = assertThrows(PermissionRequiredException.class,
                () -> history.export(shop, CASHIER, CommandLogQuery.all(), new StringWriter()));

        assertEquals("PERMISSION_REQUIRED", read.code());
        assertEquals("PERMISSION_REQUIRED", export.code());
        assertTrue(read.getMessage().contains(CommandHistory.READ_PERMISSION), read.getMessage());
    }

    // ------------------------------------------------------------------ export and import

    @Test
    void export_thenImport_givesEqualEntries() {
        pos.defineCard(next(), card("1001"));
        pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK")));
        pos.identifyCard(next(), new IdentifyCard("R1", "1001", null));
        pos.addItem(next(), AddItem.of("R1", "1", "coffee", czk("45.00"), "21"));
        pos.changeCredit(next(), new ChangeCredit("1001", czk("50.00"), "refused: no permission"));
        StringWriter out = new StringWriter();

        // Paged by two, so the export reads three pages.
        long written = engine.commandLog().export(shop, AUDITOR, CommandLogQuery.all().limit(2), out);
        List<CommandLogEntry> imported = CommandHistory.importFrom(new StringReader(out.toString()));

        List<CommandLogEntry> log = log();
        assertEquals(5, written);
        assertEquals(5, out.toString().split("\n").length, "one line per entry");
        assertEquals(log, imported);
        String opened = out.toString().split("\n")[1];
        assertTrue(opened.startsWith("{\"actor\":\"cashier-eva\",\"businessDate\":\"2026-03-31\","
                + "\"command\":\"pos-card.open-receipt\",\"idempotencyKey\":\"k2\",\"outcome\":{"), opened);
        assertTrue(opened.contains(",\"request\":{\"currency\":\"CZK\",\"receiptId\":\"R1\"},"
                + "\"requestType\":\"org.loyaltyengine.pos.PosRequests$OpenReceipt\",\"ruleSet\":\"pos-card\","), opened);
        assertTrue(opened.endsWith(",\"status\":\"APPLIED\",\"tenant\":\"" + shop.value() + "\"}"), opened);
    }

    @Test
    @Tag("X-11")
    void streamedImport_handsOnEachEntryAsItsLineIsRead_andStopsAtTheFirstBadLine() {
        pos.defineCard(next(), card("1001"));
        pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK")));
        pos.identifyCard(next(), new IdentifyCard("R1", "1001", null));
        StringWriter out = new StringWriter();
        engine.commandLog().export(shop, AUDITOR, CommandLogQuery.all(), out);
        String[] lines = out.toString().split("\n");
        List<CommandLogEntry> log = log();
        List<CommandLogEntry> handed = new ArrayList<>();

        long read = CommandHistory.importFrom(new StringReader(out.toString()), handed::add);

        assertEquals(3, read);
        assertEquals(log, handed);
        // A broken third line: the two entries before it were handed on, one by one, before the error.
        String broken = lines[0] + "\n" + lines[1] + "\n" + "{\"not\":\"an entry\"}\n";
        List<CommandLogEntry> before = new ArrayList<>();
        LoyaltyException e = assertThrows(LoyaltyException.class,
                () -> CommandHistory.importFrom(new StringReader(broken), before::add));
        assertEquals("INVALID_VALUE", e.code());
        assertTrue(e.getMessage().startsWith("line 3 "), e.getMessage());
        assertEquals(log.subList(0, 2), before);
        // What the consumer throws is its own: it passes through unchanged, and no later entry is read.
        IllegalStateException stop = new IllegalStateException("enough");
        List<CommandLogEntry> first = new ArrayList<>();
        assertEquals(stop, assertThrows(IllegalStateException.class,
                () -> CommandHistory.importFrom(new StringReader(out.toString()), en -> {
                    first.add(en);
                    throw stop;
                })));
        assertEquals(log.subList(0, 1), first);
    }

    @Test
    void import_aLineThatIsNoEntry_namesTheLine() {
        pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK")));
        StringWriter out = new StringWriter();
        engine.commandLog().export(shop, AUDITOR, CommandLogQuery.all(), out);
        String edited = out + out.toString().replace("\"status\":\"APPLIED\"", "\"status\":\"REJECTED\"");

        LoyaltyException e = assertThrows(LoyaltyException.class,
                () -> CommandHistory.importFrom(new StringReader(edited)));

        assertEquals("INVALID_VALUE", e.code());
        assertTrue(e.getMessage().startsWith("line 2 "), e.getMessage());
    }

    // ------------------------------------------------------------------ fingerprints (SPEC X-4)

    @Test
    @Tag("X-4")
    void storedOutcome_underTheTextFingerprint_stillAnswersItsRequestAndRefusesAnother() throws Exception {
        // As builds before the canonical JSON stored it: SHA-256 of command, business date and the request's text.
        String text = "pos-card.open-receipt\n2026-03-31\nOpenReceipt[receiptId=R9, currency=CZK]";
        String legacy = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        Outcome kept = new Outcome(Outcome.Status.APPLIED, "pos-card.open-receipt", "old-1", false, "pos-card", 1,
                List.of("open a receipt"), List.of(), List.of(), List.of(), List.of(), List.of(), Map.of(),
                Instant.parse("2025-12-01T08:00:00Z"), "cashier-eva");
        store.inTransaction(shop, tx -> {
            tx.outcomes().save(new StoredOutcome(IdempotencyKey.of("old-1"), legacy, kept));
            return null;
        });
        CommandContext again = CommandContext.of(shop, CASHIER, "old-1", DAY);

        Outcome replayed = pos.openReceipt(again, new OpenReceipt("R9", Money.currency("CZK")));

        assertEquals(kept, replayed);
        assertThrows(IdempotencyConflictException.class,
                () -> pos.openReceipt(again, new OpenReceipt("R10", Money.currency("CZK"))));
        assertTrue(log().isEmpty(), "a replay executes nothing, so logs nothing");
    }

    @Test
    @Tag("X-4")
    void repeat_underTheJsonFingerprint_replaysAndAnotherRequestConflicts() {
        pos.openReceipt(next(), new OpenReceipt("R1", Money.currency("CZK")));
        CommandContext once = next();
        Outcome first = pos.addItem(once, AddItem.of("R1", "1", "coffee", czk("45.00"), "21"));

        Outcome again = pos.addItem(once, AddItem.of("R1", "1", "coffee", czk("45.00"), "21"));

        assertEquals(first, again);
        // 45.0 is another request than 45.00: the scale is part of the amount the till sent.
        assertThrows(IdempotencyConflictException.class,
                () -> pos.addItem(once, AddItem.of("R1", "1", "tea", czk("45.00"), "21")));
    }
}

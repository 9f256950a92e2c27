package org.loyaltyengine.testing.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleFailedException;
import org.loyaltyengine.RuleLimitExceededException;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.TenantSnapshot;

/**
 * Rules that never end or that fail (SPEC X-11):
 * the command stops with a typed error naming rule set, version and rule, and the store holds exactly
 * what it held before. Every case goes through the public API: a rule folder (hostile rules alone, or
 * beside the packaged pos-card rules), an engine, a command. Abstract so that every store runs it:
 * {@link RuleSafetyInMemoryTest} here, the JPA adapter's tests on H2, PostgreSQL and MariaDB.
 */
@Tag("X-11")
public abstract class RuleSafetyContract {
    private static final LocalDate DAY = LocalDate.of(2026, 1, 1);
    private static final Actor CASHIER = Actor.of("cashier");
    /** Defines cards and changes their credit by hand, for the tests that need a card with money on it. */
    private static final Actor MANAGER = Actor.of("manager", PosCards.CARDS_PERMISSION, PosCards.MANUAL_PERMISSION);
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private LoyaltyStore store;
    private TenantId tenant;

    protected abstract LoyaltyStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        tenant = TenantId.of("rules-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** pos-card v1 made of one file whose rules fire when a receipt is opened. */
    private RuleSource rules(String body) throws IOException {
        Path v1 = Files.createDirectories(dir.resolve("pos-card/v1"));
        Files.writeString(v1.resolve("ruleset.properties"), "effective-from=2020-01-01\n");
        Files.writeString(v1.resolve("rules.drl"), "package org.loyaltyengine.rules.poscard;\n"
                + "import org.loyaltyengine.rules.facts.*;\n"
                + "import java.math.BigDecimal;\n"
                + body);
        return RuleSource.folder(dir);
    }

    /** Inserts a fact that triggers the same rule again, 2,000 times (a bounded stand-in for "for ever"). */
    private static final String RUNAWAY = """
            rule "seed"
            when
                PosOpenReceipt( $id : receiptId )
            then
                insert(new PosCardMode($id, "0"));
            end

            rule "again and again"
            when
                PosCardMode( $id : receiptId, $n : mode, mode.length() < 2000 )
            then
                insert(new PosCardMode($id, $n + "x"));
            end

            rule "decide"
            when
                $d : Decision()
                PosOpenReceipt()
            then
                $d.notice("opened", "a receipt was opened");
            end
            """;

    private void openReceipt(LoyaltyEngine engine) {
        engine.posCards().openReceipt(CommandContext.of(tenant, CASHIER, "open-R1", DAY),
                new OpenReceipt("R1", Money.currency("CZK")));
    }

    private void assertNothingWritten() {
        assertTrue(store.inTransaction(tenant, tx -> tx.outcomes().all()).isEmpty(), "an outcome was stored");
        assertTrue(store.inTransaction(tenant, tx -> tx.documents().find("pos-receipt", "R1")).isEmpty()
                && store.inTransaction(tenant, tx -> tx.documents().find("receipt", "R1")).isEmpty(),
                "the receipt was stored");
    }

    @Test
    void rulesThatKeepTriggeringEachOtherStopAtTheFiringLimit() throws IOException {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(rules(RUNAWAY)).maxRuleFirings(500).build();

        RuleLimitExceededException e = assertThrows(RuleLimitExceededException.class, () -> openReceipt(engine));

        assertEquals("RULE_LIMIT_EXCEEDED", e.code());
        assertEquals("pos-card", e.ruleSet());
        assertEquals(1, e.version());
        assertEquals("again and again", e.rule());
        assertTrue(e.getMessage().contains("pos-card v1") && e.getMessage().contains("'again and again'")
                && e.getMessage().contains("500"), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void anEvaluationThatRunsTooLongStops() throws IOException {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(rules(RUNAWAY))
                .maxEvaluationTime(Duration.ofNanos(1)).build();

        RuleLimitExceededException e = assertThrows(RuleLimitExceededException.class, () -> openReceipt(engine));

        assertEquals("RULE_LIMIT_EXCEEDED", e.code());
        assertTrue(e.getMessage().contains("ran longer than PT0.000000001S"), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void theSameRulesWithinTheLimitsApply() throws IOException {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(rules(RUNAWAY)).maxRuleFirings(3000).build();

        openReceipt(engine);

        assertEquals(1, store.inTransaction(tenant, tx -> tx.outcomes().all()).size());
    }

    /**
     * One consequence that never returns (two for-each loops over a million numbers each, 10^12 steps)
     * fires no second rule, so the firing count and the check between firings never see it: the
     * evaluation is stopped at its time limit all the same, typed, with nothing written, and the engine
     * and the calling thread go on to serve the next command.
     */
    @Test
    void aConsequenceStuckInOneCallStopsAtTheTimeLimit() throws IOException {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(rules("""
                import java.util.List;
                rule "computes for ever"
                when
                    PosOpenReceipt( receiptId == "R1" )
                    $d : Decision()
                then
                    List<Integer> million = "x".repeat(1000).replace("", "y".repeat(1000)).chars().boxed().toList();
                    long steps = 0;
                    for (Integer a : million) {
                        for (Integer b : million) {
                            steps = steps + 1;
                        }
                    }
                    $d.notice("steps", "" + steps);
                end

                rule "opens"
                when
                    PosOpenReceipt()
                    $d : Decision()
                then
                    $d.notice("opened", "a receipt was opened");
                end
                """)).maxEvaluationTime(Duration.ofMillis(500)).build();

        long started = System.nanoTime();
        RuleLimitExceededException e = assertThrows(RuleLimitExceededException.class, () -> openReceipt(engine));
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        assertEquals("RULE_LIMIT_EXCEEDED", e.code());
        assertEquals("computes for ever", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("ran longer than PT0.5S"), e.getMessage());
        assertTrue(tookMillis < 10_000, "stopped after " + tookMillis + " ms");
        assertNothingWritten();
        assertTrue(engine.posCards().openReceipt(CommandContext.of(tenant, CASHIER, "open-R2", DAY),
                new OpenReceipt("R2", Money.currency("CZK"))).applied());
    }

    /**
     * A consequence that asks for a string longer than the JVM can hold gets an OutOfMemoryError from
     * the JDK: that is a rule exhausting the evaluation's resources, a typed RULE_LIMIT_EXCEEDED naming
     * the rule, not an Error thrown at the host.
     */
    @Test
    void aConsequenceAskingForMoreMemoryThanThereIsStopsTyped() throws IOException {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(rules("""
                rule "squares a string"
                when
                    PosOpenReceipt()
                    $d : Decision()
                then
                    String s = "x".repeat(1000).replace("", "y".repeat(1000));
                    $d.notice("x", "" + s.replace("", s).length());
                end
                """)).build();

        RuleLimitExceededException e = assertThrows(RuleLimitExceededException.class, () -> openReceipt(engine));

        assertEquals("RULE_LIMIT_EXCEEDED", e.code());
        assertEquals("squares a string", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("memory"), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void aConsequenceThatThrowsIsARuleFailure() throws IOException {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(rules("""
                rule "divides by zero"
                when
                    PosOpenReceipt()
                    $d : Decision()
                then
                    $d.notice("x", BigDecimal.ONE.divide(BigDecimal.ZERO).toPlainString());
                end
                """)).build();

        RuleFailedException e = assertThrows(RuleFailedException.class, () -> openReceipt(engine));

        assertEquals("RULE_FAILED", e.code());
        assertEquals("divides by zero", e.rule());
        assertEquals("pos-card", e.ruleSet());
        assertEquals(1, e.version());
        assertTrue(e.getMessage().contains("'divides by zero'") && e.getMessage().contains("pos-card v1")
                && e.getMessage().contains("ArithmeticException"), e.getMessage());
        assertInstanceOf(ArithmeticException.class, e.getCause());
        assertNothingWritten();
    }

    @Test
    void aConditionThatThrowsIsARuleFailure() throws IOException {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(rules("""
                rule "reads past the end"
                when
                    PosOpenReceipt( receiptId.substring(5).isEmpty() )
                    $d : Decision()
                then
                    $d.notice("x", "y");
                end
                """)).build();

        RuleFailedException e = assertThrows(RuleFailedException.class, () -> openReceipt(engine));

        assertEquals("RULE_FAILED", e.code());
        assertEquals("reads past the end", e.rule(), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void aRuleNamingAHoldThatDoesNotExistIsARuleFailure() throws IOException {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(rules("""
                rule "releases a hold nobody placed"
                when
                    PosOpenReceipt()
                    $d : Decision()
                then
                    $d.release("no-such-hold");
                end
                """)).build();

        RuleFailedException e = assertThrows(RuleFailedException.class, () -> openReceipt(engine));

        assertEquals("RULE_FAILED", e.code());
        assertEquals("releases a hold nobody placed", e.rule());
        assertTrue(e.getMessage().contains("no-such-hold"), e.getMessage());
        assertNothingWritten();
    }

    /**
     * A rule captures the reservation of the card its command declared, then one of a card the command did
     * not declare: the first capture's ledger entry was already appended when the second fails, and the
     * store rolls both back. (A rule cannot name an account of its own making: it reaches another card's
     * money only through a reservation's id.)
     */
    @Test
    void aRuleTouchingAnUndeclaredAccountIsARuleFailureAndNothingStays() throws IOException {
        LoyaltyEngine packaged = LoyaltyEngine.builder().store(store).clock(CLOCK).build();
        String own = reservationOf(packaged, "1", "R1");
        String other = reservationOf(packaged, "2", "R2");
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).clock(CLOCK).rules(packagedPosCardWith("""
                rule "takes every reservation it is told of"
                when
                    PosChangeCredit( note == "take them" )
                    $d : Decision()
                then
                    $d.capture("%s");
                    $d.capture("%s");
                end
                """.formatted(own, other))).build();
        TenantSnapshot before = TenantSnapshot.of(store, tenant);

        RuleFailedException e = assertThrows(RuleFailedException.class, () -> engine.posCards().changeCredit(
                manager("take"), new ChangeCredit("1", Money.of("1.00", "CZK"), "take them")));

        assertEquals("RULE_FAILED", e.code());
        assertEquals("takes every reservation it is told of", e.rule());
        assertEquals("pos-card", e.ruleSet());
        assertEquals(1, e.version());
        assertTrue(e.getMessage().contains(PosCards.accountOf(creditCard("2")).toString())
                && e.getMessage().contains("did not declare"), e.getMessage());
        assertEquals(before, TenantSnapshot.of(store, tenant), "the capture of the declared card's reservation stayed");
        assertEquals(HoldState.PENDING, store.inTransaction(tenant, tx -> tx.holds().find(own)).orElseThrow().state());
        assertTrue(store.inTransaction(tenant, tx -> tx.outcomes().find(IdempotencyKey.of("take"))).isEmpty());
        // The packaged rules on their own take the same change of credit.
        assertTrue(packaged.posCards().changeCredit(manager("take"), new ChangeCredit("1", Money.of("1.00", "CZK"),
                "take them")).applied());
    }

    /**
     * A decision the store cannot hold is the rule's fault, not the host's input: a rejection with a
     * blank reason code, a notice longer than a message may be, a hold or posting naming no account.
     * Each is RULE_FAILED naming rule set, version and rule (never INVALID_VALUE without a rule, never a
     * NullPointerException), and nothing is written.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "$d.reject(\"\", \"no code\");",
            "$d.reject(\"  \", \"blank code\");",
            "$d.notice(\"LONG\", \"x\".repeat(1000).repeat(20));",
            "$d.hold(null, BigDecimal.ONE, \"R1\", null, 5);",
            "$d.post(null, EntryKind.MANUAL, BigDecimal.ONE, \"R1\", null, \"no account\");",
            "$d.capture(null);"})
    void aDecisionTheStoreCannotHoldIsARuleFailure(String then) throws IOException {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(rules("""
                import org.loyaltyengine.spi.EntryKind;
                rule "decides badly"
                when
                    PosOpenReceipt()
                    $d : Decision()
                then
                    %s
                end
                """.formatted(then))).build();

        RuleFailedException e = assertThrows(RuleFailedException.class, () -> openReceipt(engine));

        assertEquals("RULE_FAILED", e.code());
        assertEquals("decides badly", e.rule(), e.getMessage());
        assertEquals("pos-card", e.ruleSet());
        assertEquals(1, e.version());
        assertNothingWritten();
    }

    /** A rule posting an amount beyond what a ledger column holds, to the account its command declared. */
    @Test
    void aRulePostingAnAmountNoLedgerHoldsIsARuleFailure() throws IOException {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).clock(CLOCK).rules(packagedPosCardWith("""
                import org.loyaltyengine.spi.EntryKind;
                rule "posts a fortune"
                when
                    PosChangeCredit( note == "a fortune" )
                    $c : PosCard()
                    $d : Decision()
                then
                    $d.post($c.account(), EntryKind.MANUAL, new BigDecimal("1E40"), null, null, "from a rule");
                end
                """)).build();
        assertTrue(engine.posCards().defineCard(manager("define"), creditCard("1")).applied());
        TenantSnapshot before = TenantSnapshot.of(store, tenant);

        RuleFailedException e = assertThrows(RuleFailedException.class, () -> engine.posCards().changeCredit(
                manager("fortune"), new ChangeCredit("1", Money.of("1.00", "CZK"), "a fortune")));

        assertEquals("posts a fortune", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("cannot hold"), e.getMessage());
        assertEquals(before, TenantSnapshot.of(store, tenant), "the store changed");
        AccountKey account = PosCards.accountOf(creditCard("1"));
        assertTrue(store.inTransaction(tenant, tx -> tx.ledger().entries(account)).isEmpty());
        assertTrue(store.inTransaction(tenant, tx -> tx.accounts().find(account)).isEmpty());
        assertTrue(store.inTransaction(tenant, tx -> tx.outcomes().find(IdempotencyKey.of("fortune"))).isEmpty());
    }

    /** The packaged pos-card v1, with one more rule file beside its own. */
    private RuleSource packagedPosCardWith(String body) throws IOException {
        Path root = dir.resolve("packaged");
        for (Map.Entry<String, String> f : RuleSource.defaults().only("pos-card/v1").files().entrySet()) {
            Path target = root.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue());
        }
        Files.writeString(root.resolve("pos-card/v1/hostile.drl"), "package org.loyaltyengine.rules.poscard;\n"
                + "import org.loyaltyengine.rules.facts.*;\n"
                + "import java.math.BigDecimal;\n"
                + body);
        return RuleSource.folder(root);
    }

    /** A credit card with 100.00 on it, identified on a new receipt whose first item reserves 30.00: that reservation's id. */
    private String reservationOf(LoyaltyEngine engine, String card, String receipt) {
        PosCards pos = engine.posCards();
        assertTrue(pos.defineCard(manager("define-" + card), creditCard(card)).applied());
        assertTrue(pos.changeCredit(manager("deposit-" + card), new ChangeCredit(card, Money.of("100.00", "CZK"),
                "deposit")).applied());
        assertTrue(pos.openReceipt(manager("open-" + receipt), new OpenReceipt(receipt, Money.currency("CZK"))).applied());
        assertTrue(pos.identifyCard(manager("identify-" + receipt), new IdentifyCard(receipt, card, null)).applied());
        Outcome reserved = pos.addItem(manager("add-" + receipt), AddItem.of(receipt, "1", "wine",
                Money.of("30.00", "CZK"), "21"));
        assertEquals(List.of(HoldState.PENDING), reserved.holds().stream().map(h -> h.state()).toList(),
                reserved::toString);
        return reserved.holds().get(0).holdId();
    }

    private CommandContext manager(String key) {
        return CommandContext.of(tenant, MANAGER, key, DAY);
    }

    private static Card creditCard(String number) {
        return new Card(number, "Petr", "Svoboda", BigDecimal.ZERO, true, true, Money.currency("CZK"));
    }
}

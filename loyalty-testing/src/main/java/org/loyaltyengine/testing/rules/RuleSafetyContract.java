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
import java.time.LocalDate;
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
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.CommandPipeline;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.rules.facts.PosCard;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * Rules that never end or that fail (SPEC X-11; issue "Trust", defects 11 and 17, "What to build" 8):
 * the command stops with a typed error naming rule set, version and rule, and the store holds exactly
 * what it held before. Abstract so that every store runs it: {@link RuleSafetyInMemoryTest} here, the
 * JPA adapter's tests on H2, PostgreSQL and MariaDB.
 */
@Tag("X-11")
public abstract class RuleSafetyContract {
    private static final LocalDate DAY = LocalDate.of(2026, 1, 1);
    private static final Actor CASHIER = Actor.of("cashier");

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
     * A rule posts to the account its command declared, then to one it did not: the first entry was
     * already appended when the second fails, and the store rolls both back.
     */
    @Test
    void aRulePostingToAnUndeclaredAccountIsARuleFailureAndNothingStays() throws IOException {
        RuleSource source = rules("""
                import org.loyaltyengine.spi.EntryKind;
                rule "posts to every card it sees"
                when
                    $c : PosCard()
                    $d : Decision()
                then
                    $d.post($c.account(), EntryKind.MANUAL, BigDecimal.ONE, null, null, "from a rule");
                end
                """);
        AccountKey declared = new AccountKey("card:1", "pos-card", Unit.currency("CZK"));
        AccountKey other = new AccountKey("card:2", "pos-card", Unit.currency("CZK"));
        CommandPipeline pipeline = new CommandPipeline(store, new RuleSetRegistry(source), Clock.systemUTC());
        Command<String, String> command = testPost(declared, List.of(card("1", declared), card("2", other)));

        RuleFailedException e = assertThrows(RuleFailedException.class,
                () -> pipeline.run(CommandContext.of(tenant, CASHIER, "post", DAY), "post", command));

        assertEquals("RULE_FAILED", e.code());
        assertEquals("posts to every card it sees", e.rule());
        assertTrue(e.getMessage().contains("card:2") && e.getMessage().contains("did not declare"), e.getMessage());
        assertTrue(store.inTransaction(tenant, tx -> tx.ledger().entries(declared)).isEmpty(),
                "the entry on the declared account stayed");
        assertTrue(store.inTransaction(tenant, tx -> tx.ledger().entries(other)).isEmpty());
        assertTrue(store.inTransaction(tenant, tx -> tx.accounts().find(declared)).isEmpty(),
                "the declared account was opened");
        assertTrue(store.inTransaction(tenant, tx -> tx.outcomes().all()).isEmpty());
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
        RuleSource source = rules("""
                import org.loyaltyengine.spi.EntryKind;
                rule "posts a fortune"
                when
                    $c : PosCard()
                    $d : Decision()
                then
                    $d.post($c.account(), EntryKind.MANUAL, new BigDecimal("1E40"), null, null, "from a rule");
                end
                """);
        AccountKey declared = new AccountKey("card:1", "pos-card", Unit.currency("CZK"));
        CommandPipeline pipeline = new CommandPipeline(store, new RuleSetRegistry(source), Clock.systemUTC());
        Command<String, String> command = testPost(declared, List.of(card("1", declared)));

        RuleFailedException e = assertThrows(RuleFailedException.class,
                () -> pipeline.run(CommandContext.of(tenant, CASHIER, "post", DAY), "post", command));

        assertEquals("posts a fortune", e.rule(), e.getMessage());
        assertTrue(store.inTransaction(tenant, tx -> tx.ledger().entries(declared)).isEmpty());
        assertTrue(store.inTransaction(tenant, tx -> tx.accounts().find(declared)).isEmpty());
        assertTrue(store.inTransaction(tenant, tx -> tx.outcomes().all()).isEmpty());
    }

    /** A pos-card command declaring one account and handing the rules the given facts. */
    private static Command<String, String> testPost(AccountKey declared, List<Object> facts) {
        return new Command<>() {
            @Override
            public String name() {
                return "pos-card.test-post";
            }

            @Override
            public String ruleSet() {
                return "pos-card";
            }

            @Override
            public Permission permission(String request) {
                return Permission.none();
            }

            @Override
            public String load(StoreView view, String request, CommandContext ctx) {
                return request;
            }

            @Override
            public Map<AccountKey, BigDecimal> accounts(String context) {
                return Map.of(declared, BigDecimal.ZERO);
            }

            @Override
            public List<Object> facts(String context, Map<AccountKey, Account> accounts) {
                return facts;
            }
        };
    }

    private static PosCard card(String number, AccountKey account) {
        return new PosCard(number, BigDecimal.ZERO, false, false, "CZK", account, BigDecimal.ZERO, BigDecimal.ZERO);
    }
}

package org.loyaltyengine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.rules.facts.PosItemDiscount;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Notice;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The engine keeps the rule sessions of a rule-set version between evaluations (SPEC X-2: stateless and
 * thread-safe). Nothing of one evaluation may reach the next: its facts, its decision, its listener (and so
 * its firing count and clock), what was left on its agenda. A rule set that counts what it sees makes that
 * observable: every receipt opened must see one receipt, no derived fact and one decision, and fire one rule,
 * under a firing limit that a listener left over from an earlier evaluation would exceed. The same holds
 * after evaluations that a rule, the limits, the watchdog or an exhausted JVM stopped (SPEC X-11), and on
 * several threads at once.
 */
@Tag("X-2")
class PooledSessionsTest {
    private static final LocalDate DAY = LocalDate.of(2026, 1, 1);
    private static final Actor CASHIER = Actor.of("cashier", PosCards.CARDS_PERMISSION);
    /** Three times what a normal evaluation fires: an earlier evaluation's listener, still counting, would stop it. */
    private static final long FIRINGS = 3;

    private static final String RULES = """
            package org.loyaltyengine.rules.poscard;
            import org.loyaltyengine.rules.facts.*;
            import java.math.BigDecimal;
            import java.util.List;

            rule "counts what it sees"
            when
                $d : Decision()
                PosOpenReceipt( $id : receiptId )
                $receipts : Number() from accumulate( $r : PosOpenReceipt(), count( $r ) )
                $modes : Number() from accumulate( $m : PosCardMode(), count( $m ) )
                $decisions : Number() from accumulate( $x : Decision(), count( $x ) )
            then
                $d.notice("seen", $id + ": " + $receipts + " receipt, " + $modes + " derived, " + $decisions + " decision");
            end

            rule "loops"
            when
                PosOpenReceipt( $id : receiptId, receiptId.startsWith("LOOP") )
            then
                insert(new PosCardMode($id, "0"));
            end

            rule "again"
            when
                PosCardMode( $id : receiptId, $n : mode )
            then
                insert(new PosCardMode($id, $n + "x"));
            end

            rule "fails"
            when
                PosOpenReceipt( receiptId.startsWith("FAIL") )
                $d : Decision()
            then
                $d.notice("x", BigDecimal.ONE.divide(BigDecimal.ZERO).toPlainString());
            end

            rule "never returns"
            when
                PosOpenReceipt( receiptId.startsWith("STUCK") )
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

            rule "asks for more memory than there is"
            when
                PosOpenReceipt( receiptId.startsWith("HUGE") )
                $d : Decision()
            then
                String s = "x".repeat(1000).replace("", "y".repeat(1000));
                $d.notice("x", "" + s.replace("", s).length());
            end
            """;

    @TempDir
    Path dir;
    private RuleSource rules;
    private LoyaltyStore store;

    @BeforeEach
    void setUp() throws IOException {
        Path v1 = Files.createDirectories(dir.resolve("pos-card/v1"));
        Files.writeString(v1.resolve("ruleset.properties"), "effective-from=2020-01-01\n");
        Files.writeString(v1.resolve("rules.drl"), RULES);
        // One source instance: every engine below evaluates in the same compiled version's sessions.
        rules = RuleSource.folder(dir);
        store = new InMemoryStore();
    }

    private LoyaltyEngine engine() {
        return LoyaltyEngine.builder().store(store).rules(rules).maxRuleFirings(FIRINGS).build();
    }

    private static Outcome open(LoyaltyEngine engine, TenantId tenant, String receipt) {
        return engine.posCards().openReceipt(CommandContext.of(tenant, CASHIER, "open-" + receipt, DAY),
                new OpenReceipt(receipt, Money.currency("CZK")));
    }

    /** The receipt was opened by an evaluation that saw only its own facts and fired one rule. */
    private static void assertClean(Outcome o, String receipt) {
        assertTrue(o.applied(), o::toString);
        assertEquals(List.of("counts what it sees"), o.rulesFired(), o::toString);
        assertEquals(List.of(receipt + ": 1 receipt, 0 derived, 1 decision"),
                o.notices().stream().map(Notice::message).toList(), o::toString);
    }

    @Test
    void manyEvaluationsInARow_eachSeeOnlyItsOwnFacts() {
        LoyaltyEngine engine = engine();
        TenantId shop = TenantId.of("shop-row");
        for (int i = 0; i < 300; i++) {
            assertClean(open(engine, shop, "R" + i), "R" + i);
        }
    }

    @Test
    @Tag("X-11")
    void anEvaluationAfterOneStoppedAtTheFiringLimit_isCorrect() {
        LoyaltyEngine engine = engine();
        TenantId shop = TenantId.of("shop-limit");
        assertClean(open(engine, shop, "R0"), "R0");
        for (int i = 1; i <= 5; i++) {
            RuleLimitExceededException e = assertThrows(RuleLimitExceededException.class,
                    () -> open(engine, shop, "LOOP"));
            assertTrue(e.getMessage().contains("fired more than 3 rules"), e.getMessage());
            assertClean(open(engine, shop, "R" + i), "R" + i);
        }
    }

    @Test
    @Tag("X-11")
    void anEvaluationAfterARuleThatThrew_isCorrect() {
        LoyaltyEngine engine = engine();
        TenantId shop = TenantId.of("shop-fail");
        for (int i = 1; i <= 5; i++) {
            RuleFailedException e = assertThrows(RuleFailedException.class, () -> open(engine, shop, "FAIL"));
            assertEquals("fails", e.rule(), e.getMessage());
            assertClean(open(engine, shop, "R" + i), "R" + i);
        }
    }

    @Test
    @Tag("X-11")
    void anEvaluationAfterOneThatRanOutOfMemory_isCorrect() {
        LoyaltyEngine engine = engine();
        TenantId shop = TenantId.of("shop-memory");
        RuleLimitExceededException e = assertThrows(RuleLimitExceededException.class, () -> open(engine, shop, "HUGE"));
        assertEquals("asks for more memory than there is", e.rule(), e.getMessage());
        assertClean(open(engine, shop, "R1"), "R1");
    }

    /** The watchdog stops the thread inside the consequence; the thread and the next session are as good as new. */
    @Test
    @Tag("X-11")
    void anEvaluationAfterOneTheWatchdogStopped_isCorrect() {
        LoyaltyEngine watched = LoyaltyEngine.builder().store(store).rules(rules).maxRuleFirings(FIRINGS)
                .maxEvaluationTime(Duration.ofMillis(300)).build();
        TenantId shop = TenantId.of("shop-watchdog");
        assertClean(open(watched, shop, "R0"), "R0");

        RuleLimitExceededException e = assertThrows(RuleLimitExceededException.class,
                () -> open(watched, shop, "STUCK"));

        assertEquals("never returns", e.rule(), e.getMessage());
        assertTrue(e.getMessage().contains("ran longer than PT0.3S"), e.getMessage());
        // The same thread, the same rule version's sessions, an engine without the short deadline.
        LoyaltyEngine engine = engine();
        for (int i = 1; i <= 20; i++) {
            assertClean(open(engine, shop, "R" + i), "R" + i);
        }
    }

    /**
     * Four tills, each a shop of its own (the in-memory store runs one shop's commands one after another,
     * different shops' at once), evaluate at the same time, with evaluations that fail and that the limit
     * stops among them: each receipt still sees only its own facts.
     */
    @Test
    @Tag("X-11")
    void concurrentEvaluations_eachSeeOnlyItsOwnFacts() throws Exception {
        LoyaltyEngine engine = engine();
        int tills = 4;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int t = 0; t < tills; t++) {
            TenantId shop = TenantId.of("shop-till-" + t);
            work.add(() -> {
                start.await();
                int clean = 0;
                for (int i = 0; i < 150; i++) {
                    if (i % 10 == 3) {
                        String loop = "LOOP" + i;
                        assertThrows(RuleLimitExceededException.class, () -> open(engine, shop, loop));
                    } else if (i % 15 == 7) {
                        String fail = "FAIL" + i;
                        assertThrows(RuleFailedException.class, () -> open(engine, shop, fail));
                    } else {
                        assertClean(open(engine, shop, "R" + i), "R" + i);
                        clean++;
                    }
                }
                return clean;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(tills);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (Callable<Integer> w : work) {
                done.add(pool.submit(w));
            }
            start.countDown();
            for (Future<Integer> f : done) {
                assertEquals(125, f.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * The packaged POS rules, receipts with the discount card and without a card alternating, in a row and on
     * four tills at once: every item gets exactly the card's 10%, or nothing, and the same rules fire for
     * every receipt of a kind. A card, an item or a decision of an earlier receipt reaching a later
     * evaluation would give a receipt without a card a discount, or a second one.
     */
    @Test
    void packagedPosRules_decideEveryReceiptAlike_inARowAndConcurrently() throws Exception {
        LoyaltyStore shared = new InMemoryStore();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(shared).build();
        Callable<Integer> till = () -> {
            TenantId shop = TenantId.of("pos-" + Thread.currentThread().getId());
            PosCards pos = engine.posCards();
            assertTrue(pos.defineCard(CommandContext.of(shop, CASHIER, "card", DAY), new Card("1001", "Jana",
                    "Nováková", BigDecimal.TEN, false, false, Money.currency("CZK"))).applied());
            List<String> firedWithCard = null;
            List<String> firedWithout = null;
            for (int i = 0; i < 40; i++) {
                String receipt = "R" + i;
                boolean card = i % 2 == 0;
                assertTrue(pos.openReceipt(CommandContext.of(shop, CASHIER, "open-" + i, DAY),
                        new OpenReceipt(receipt, Money.currency("CZK"))).applied());
                if (card) {
                    assertTrue(pos.identifyCard(CommandContext.of(shop, CASHIER, "card-" + i, DAY),
                            new IdentifyCard(receipt, "1001", null)).applied());
                }
                for (int line = 1; line <= 2; line++) {
                    Outcome o = pos.addItem(CommandContext.of(shop, CASHIER, "add-" + i + "-" + line, DAY),
                            AddItem.of(receipt, Integer.toString(line), "coffee", Money.of("50.00", "CZK"), "21"));
                    assertTrue(o.applied(), o::toString);
                    String discount = o.result(PosItemDiscount.class).map(d -> d.discount().toPlainString())
                            .orElse(null);
                    if (card) {
                        assertEquals("5.00", discount, o::toString);
                        firedWithCard = sameAsBefore(firedWithCard, o.rulesFired());
                    } else {
                        assertNull(discount, o::toString);
                        firedWithout = sameAsBefore(firedWithout, o.rulesFired());
                    }
                }
            }
            return 40;
        };
        assertEquals(40, till.call());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(till));
            }
            for (Future<Integer> f : done) {
                assertEquals(40, f.get(2, TimeUnit.MINUTES));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> sameAsBefore(List<String> before, List<String> now) {
        if (before != null) {
            assertEquals(before, now, "the rules fired for an item like the one before");
        }
        return now;
    }
}

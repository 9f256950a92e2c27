package org.loyaltyengine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.RuleFailedException;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.rules.facts.PosCard;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * How the pipeline meets a defective command, and a rule that names an account its command did not declare:
 * hand-made commands, so these stay with the engine. (How it meets a store that races at commit or runs the
 * work again goes through the public API alone, on the test library's delegating store:
 * loyalty-testing's {@code CommitRaceAndRerunTest}.)
 */
class CommandPipelineTest {
    private static final TenantId SHOP = TenantId.of("shop");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

    /** A defect planted in a command: it saves a document under a key it never asked the pipeline to lock. */
    static final class WritesUnlocked implements Command<String, String> {
        @Override
        public String name() {
            return "test.writes-unlocked";
        }

        @Override
        public String ruleSet() {
            return PosCards.PROGRAM;
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
        public List<Object> facts(String context, Map<AccountKey, Account> accounts) {
            return List.of();
        }

        @Override
        public List<Write> writes(String context, org.loyaltyengine.rules.facts.Decision decision, Applied applied) {
            return List.of(Write.save(new Document("test-note", context, null, "OPEN", DAY, null, Map.of(), List.of(), 0)));
        }
    }

    @Test
    @Tag("X-10")
    void aCommandWritingUnderAKeyItDidNotLock_isAnInternalDefect_andWritesNothing() {
        InMemoryStore store = new InMemoryStore();
        CommandPipeline pipeline = new CommandPipeline(store, new RuleSetRegistry(RuleSource.defaults()),
                Clock.fixed(DAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        CommandContext ctx = CommandContext.of(SHOP, Actor.of("cashier"), "note", DAY);

        InternalDefectException e = assertThrows(InternalDefectException.class,
                () -> pipeline.run(ctx, "N1", new WritesUnlocked()));

        assertEquals("INTERNAL_DEFECT", e.code());
        assertTrue(e.getMessage().contains("test.writes-unlocked writes under"), e::getMessage);
        assertTrue(store.inTransaction(SHOP, tx -> tx.documents().find("test-note", "N1")).isEmpty());
        assertTrue(store.inTransaction(SHOP, tx -> tx.outcomes().find(ctx.key())).isEmpty());
    }

    /**
     * A rule posts to the account its command declared, then to one it did not (a second card the command
     * handed it as a fact): the first entry was already appended when the second fails, and the store rolls
     * both back. No public command hands its rules an account it did not declare, so a hand-made one does;
     * the public commands' side of it (a rule reaching another card through a reservation) is proven on every
     * store by loyalty-testing's {@code RuleSafetyContract}.
     */
    @Test
    @Tag("X-11")
    void aRulePostingToAnUndeclaredAccount_isARuleFailure_andNothingStays(@TempDir Path dir) throws IOException {
        Path v1 = Files.createDirectories(dir.resolve("pos-card/v1"));
        Files.writeString(v1.resolve("ruleset.properties"), "effective-from=2020-01-01\n");
        Files.writeString(v1.resolve("rules.drl"), """
                package org.loyaltyengine.rules.poscard;
                import org.loyaltyengine.rules.facts.*;
                import java.math.BigDecimal;
                import org.loyaltyengine.spi.EntryKind;
                rule "posts to every card it sees"
                when
                    $c : PosCard()
                    $d : Decision()
                then
                    $d.post($c.account(), EntryKind.MANUAL, BigDecimal.ONE, null, null, "from a rule");
                end
                """);
        InMemoryStore store = new InMemoryStore();
        CommandPipeline pipeline = new CommandPipeline(store, new RuleSetRegistry(RuleSource.folder(dir)),
                Clock.fixed(DAY.atStartOfDay().toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
        AccountKey declared = new AccountKey("card:1", "pos-card", Unit.currency("CZK"));
        AccountKey other = new AccountKey("card:2", "pos-card", Unit.currency("CZK"));
        CommandContext ctx = CommandContext.of(SHOP, Actor.of("cashier"), "post", DAY);

        RuleFailedException e = assertThrows(RuleFailedException.class, () -> pipeline.run(ctx, "post",
                new PostsToCards(declared, List.of(card("1", declared), card("2", other)))));

        assertEquals("RULE_FAILED", e.code());
        assertEquals("posts to every card it sees", e.rule());
        assertTrue(e.getMessage().contains("card:2") && e.getMessage().contains("did not declare"), e.getMessage());
        assertTrue(store.inTransaction(SHOP, tx -> tx.ledger().entries(declared)).isEmpty(),
                "the entry on the declared account stayed");
        assertTrue(store.inTransaction(SHOP, tx -> tx.ledger().entries(other)).isEmpty());
        assertTrue(store.inTransaction(SHOP, tx -> tx.accounts().find(declared)).isEmpty(),
                "the declared account was opened");
        assertTrue(store.inTransaction(SHOP, tx -> tx.outcomes().all()).isEmpty());
    }

    /** A pos-card command declaring one account and handing the rules the given card facts. */
    private record PostsToCards(AccountKey declared, List<Object> facts) implements Command<String, String> {
        @Override
        public String name() {
            return "pos-card.test-post";
        }

        @Override
        public String ruleSet() {
            return PosCards.PROGRAM;
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
    }

    private static PosCard card(String number, AccountKey account) {
        return new PosCard(number, BigDecimal.ZERO, false, false, "CZK", account, BigDecimal.ZERO, BigDecimal.ZERO);
    }

    @Test
    @Tag("X-4")
    void fingerprint_ofAnItem_isTheOneEarlierBuildsStored() {
        // Outcomes are kept with these fingerprints (taken by the build before AddItem spelled out its text):
        // the same request must give them again, or its repeat would be refused as a conflicting reuse of its key.
        CommandContext ctx = CommandContext.of(SHOP, Actor.of("cashier"), "k1", DAY);
        AddItem plain = AddItem.of("R1", "2", "coffee", Money.of("45.00", "CZK"), "21");
        AddItem manual = new AddItem("R1", "3", "top-up", Money.of("100", "CZK"), true, new BigDecimal("0"),
                new BigDecimal("12.5"));

        assertEquals("AddItem[receiptId=R1, lineId=2, product=coffee, price=45.00 CZK, creditItem=false, vatPercent=21,"
                + " manualDiscountPercent=null]", plain.toString());
        assertEquals("7ce318e04de37ccad2ca587ca54a50715c20d6361296673b927b566445b3b036",
                CommandPipeline.legacyFingerprint("pos-card.add-item", ctx, plain));
        assertEquals("19ef736be2eefcd6a9002057468decbf67fa80b4df98dc49598f038e0358cfab",
                CommandPipeline.legacyFingerprint("pos-card.add-item", ctx, manual));
    }
}

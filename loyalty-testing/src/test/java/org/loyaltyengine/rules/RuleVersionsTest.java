package org.loyaltyengine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.NoRuleVersionInForceException;
import org.loyaltyengine.RuleCompilationException;
import org.loyaltyengine.RuleError;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.pos.PosRequests.IdentifyCard;
import org.loyaltyengine.pos.PosRequests.OpenReceipt;
import org.loyaltyengine.rules.facts.PosItemDiscount;
import org.loyaltyengine.scenarios.ScenarioResult;
import org.loyaltyengine.scenarios.ScenarioRunner;
import org.loyaltyengine.spi.Actor;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.InMemoryStore;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/** Versioned rule sets (SPEC ): discovery, the version in force on a date, compile errors. */
class RuleVersionsTest {
    private static final TenantId SHOP = TenantId.of("shop");
    private static final Actor CASHIER = Actor.of("cashier", "pos-card.cards");

    /** Copies the packaged pos-card v1 into a folder, and adds a v2 from 2026-06-01 that gives 5 points more. */
    private static Path twoVersions(Path dir) throws IOException {
        RuleSource packaged = RuleSource.defaults();
        for (Map.Entry<String, String> f : packaged.only("pos-card/v1").files().entrySet()) {
            for (String v : List.of("v1", "v2")) {
                Path target = dir.resolve(f.getKey().replace("/v1/", "/" + v + "/"));
                Files.createDirectories(target.getParent());
                Files.writeString(target, f.getValue());
            }
        }
        Files.writeString(dir.resolve("pos-card/v2/ruleset.properties"),
                "effective-from=2026-06-01\ndescription=summer: card discount plus five points\n"
                        // Each version names its own setting defaults; the POS hold time is one.
                        + "setting.holdMinutes=720\n");
        Path discount = dir.resolve("pos-card/v2/discount.drl");
        Files.writeString(discount, Files.readString(discount)
                .replace("rule \"card discount on each item while the card is active\"",
                        "rule \"summer card discount: five points more\"")
                .replace(".multiply($c.discountPercent())", ".multiply($c.discountPercent().add(new BigDecimal(5)))"));
        return dir;
    }

    private static Outcome discountOn(LoyaltyEngine engine, LocalDate day, String receipt) {
        engine.posCards().openReceipt(CommandContext.of(SHOP, CASHIER, receipt + "-open", day),
                new OpenReceipt(receipt, Money.currency("CZK")));
        engine.posCards().identifyCard(CommandContext.of(SHOP, CASHIER, receipt + "-card", day),
                new IdentifyCard(receipt, "1001", null));
        return engine.posCards().addItem(CommandContext.of(SHOP, CASHIER, receipt + "-item", day),
                AddItem.of(receipt, "1", "food", Money.of("100.00", "CZK"), "15"));
    }

    @Test
    @Tag("X-1")
    void inForce_theVersionEffectiveOnTheBusinessDateDecides(@TempDir Path dir) throws IOException {
        LoyaltyEngine engine = LoyaltyEngine.builder().store(new InMemoryStore())
                .rules(RuleSource.folder(twoVersions(dir))).build();
        engine.posCards().defineCard(CommandContext.of(SHOP, CASHIER, "card", LocalDate.of(2026, 1, 1)),
                new Card("1001", "Jana", "Nová", BigDecimal.TEN, false, false, Money.currency("CZK")));

        Outcome before = discountOn(engine, LocalDate.of(2026, 5, 31), "R1");
        assertEquals(1, before.ruleVersion());
        assertEquals("10.00", before.result(PosItemDiscount.class).orElseThrow().discount().toPlainString());
        assertTrue(before.rulesFired().contains("card discount on each item while the card is active"));

        Outcome after = discountOn(engine, LocalDate.of(2026, 6, 1), "R2");
        assertEquals(2, after.ruleVersion());
        assertEquals("15.00", after.result(PosItemDiscount.class).orElseThrow().discount().toPlainString());
        assertTrue(after.rulesFired().contains("summer card discount: five points more"));

        assertEquals(2, engine.ruleSetInForce("pos-card", LocalDate.of(2030, 1, 1)).version());
        assertEquals(1, engine.ruleSetInForce("pos-card", LocalDate.of(2026, 5, 31)).version());
        assertThrows(NoRuleVersionInForceException.class,
                () -> engine.ruleSetInForce("pos-card", LocalDate.of(2019, 12, 31)));
    }

    @Test
    @Tag("X-10")
    @Tag("X-11")
    void compile_aMalformedRuleFileNamesFileAndLineAndWritesNothing(@TempDir Path dir) throws IOException {
        Path v1 = Files.createDirectories(dir.resolve("pos-card/v1"));
        Files.writeString(v1.resolve("ruleset.properties"), "effective-from=2020-01-01\n");
        Files.writeString(v1.resolve("broken.drl"), String.join("\n",
                "package org.loyaltyengine.rules.broken;",
                "import org.loyaltyengine.rules.facts.*;",
                "",
                "rule \"half written\"",
                "when",
                "    $i : PosAddItem( amount > )",
                "then",
                "end"));
        InMemoryStore store = new InMemoryStore();
        LoyaltyEngine engine = LoyaltyEngine.builder().store(store).rules(RuleSource.folder(dir)).build();
        RuleCompilationException e = assertThrows(RuleCompilationException.class, () -> engine.posCards().openReceipt(
                CommandContext.of(SHOP, CASHIER, "k1", LocalDate.of(2026, 1, 1)),
                new OpenReceipt("R1", Money.currency("CZK"))));
        assertEquals("RULE_COMPILATION_FAILED", e.code());
        RuleError first = e.errors().get(0);
        assertEquals("pos-card/v1/broken.drl", first.file());
        assertEquals(6, first.line(), e.getMessage());
        assertTrue(store.inTransaction(SHOP, tx -> tx.outcomes().all()).isEmpty());
        assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(dir)).verifyRulesOnBuild().build());
    }

    @Test
    @Tag("X-10")
    void discover_aManifestWithoutAValidDateIsRefused(@TempDir Path dir) throws IOException {
        Path v1 = Files.createDirectories(dir.resolve("pos-card/v1"));
        Files.writeString(v1.resolve("ruleset.properties"), "effective-from=first of May\n");
        Files.writeString(v1.resolve("a.drl"), "package x;\n");
        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(dir)).build());
        assertEquals("pos-card/v1/ruleset.properties", e.errors().get(0).file());
    }

    @Test
    @Tag("X-1")
    void defaults_packageEveryRuleSetWithItsManifest() {
        List<RuleSetVersion> sets = LoyaltyEngine.builder().build().ruleSets();
        RuleSetVersion pos = sets.stream().filter(v -> v.ruleSet().equals("pos-card")).findFirst().orElseThrow();
        assertEquals(LocalDate.of(2020, 1, 1), pos.effectiveFrom());
        assertFalse(pos.description().isBlank());
        assertFalse(pos.scenarioFiles().isEmpty());
        LoyaltyEngine.builder().verifyRulesOnBuild().build();
    }

    @Test
    @Tag("X-11")
    void scenarios_aWrongExpectationFails(@TempDir Path dir) throws IOException {
        Path root = twoVersions(dir);
        Files.writeString(root.resolve("pos-card/v2/scenarios/wrong.scenario"), String.join("\n",
                "scenario: expects the old percentage under the new version",
                "actor: manager pos-card.cards",
                "defineCard number=1001 discount=10",
                "openReceipt receipt=R1",
                "identifyCard receipt=R1 card=1001",
                "addItem receipt=R1 line=1 price=100.00",
                "expect value PosItemDiscount.discount=10.00"));
        RuleSource source = RuleSource.folder(root);
        RuleSetVersion v2 = LoyaltyEngine.builder().rules(source).build().ruleSets().stream()
                .filter(v -> v.version() == 2).findFirst().orElseThrow();
        List<ScenarioResult> results = new ScenarioRunner().run(source, v2);
        ScenarioResult wrong = results.stream().filter(r -> r.file().endsWith("wrong.scenario")).findFirst().orElseThrow();
        assertFalse(wrong.passed());
        assertTrue(wrong.failure().contains("expected value PosItemDiscount.discount=10.00, was 15.00"), wrong.failure());
        assertEquals(7, wrong.line());
    }
}

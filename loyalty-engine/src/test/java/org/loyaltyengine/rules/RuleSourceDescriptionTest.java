package org.loyaltyengine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleCompilationException;
import org.loyaltyengine.RuleError;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.RuleSourceDescription;
import org.loyaltyengine.RuleVersionDescription;
import org.loyaltyengine.spi.InvalidValueException;

/**
 * {@link RuleSource#describe()} (SPEC X-11): a rule source compiled as an engine compiles it, described as
 * data: each version's manifest and rule names, and every problem with file, line and message, none thrown,
 * so that a tool checking an analysts' folder reports all of them at once.
 */
@Tag("X-11")
class RuleSourceDescriptionTest {
    private static final String HEAD = "package org.loyaltyengine.rules.poscard;\n"
            + "import org.loyaltyengine.rules.facts.*;\n";
    private static final String GOOD = HEAD
            + "rule \"opens\"\n"
            + "when\n"
            + "    PosOpenReceipt()\n"
            + "    $d : Decision()\n"
            + "then\n"
            + "    $d.notice(\"opened\", \"a receipt was opened\");\n"
            + "end\n"
            + "rule \"another\"\n"
            + "when\n"
            + "    PosOpenReceipt( receiptId == \"R9\" )\n"
            + "    $d : Decision()\n"
            + "then\n"
            + "    $d.notice(\"nine\", \"receipt nine\");\n"
            + "end\n";
    private static final String BROKEN = HEAD
            + "rule \"half written\"\n"
            + "when\n"
            + "    $i : PosAddItem( amount > )\n"
            + "then\n"
            + "end\n";
    private static final String UNSAFE = HEAD
            + "rule \"reads the disk\"\n"
            + "when\n"
            + "    $d : Decision()\n"
            + "then\n"
            + "    $d.notice(\"h\", \"\" + new java.io.File(\"/etc/hostname\").exists());\n"
            + "end\n";

    private static void version(Path root, String folder, String from, String description, String drl)
            throws IOException {
        Path v = Files.createDirectories(root.resolve(folder));
        Files.writeString(v.resolve("ruleset.properties"), "effective-from=" + from + "\ndescription=" + description + "\n");
        Files.writeString(v.resolve("rules.drl"), drl);
    }

    @Test
    void thePackagedRulesAreDescribedWithTheirManifestsAndRules() {
        RuleSourceDescription d = RuleSource.defaults().describe();

        assertTrue(d.compiles(), () -> d.allProblems().toString());
        assertEquals(List.of("credits/v1", "customer-card/v1", "customers/v1", "pos-card/v1", "savings-points/v1"),
                d.versions().stream().map(v -> v.version().folder()).toList());
        RuleVersionDescription pos = d.versions().get(3);
        assertEquals(LocalDate.of(2020, 1, 1), pos.version().effectiveFrom());
        assertTrue(pos.version().description().startsWith("POS discount and credit card (seed 004)"),
                pos.version().description());
        assertTrue(d.versions().get(1).rules().contains("a new customer is enrolled when the practice auto-enrols"),
                d.versions().get(1).rules().toString());
        assertTrue(d.versions().stream().allMatch(v -> v.compiles() && !v.rules().isEmpty()));
        assertTrue(d.source().contains("loyalty-rules"), d.source());
    }

    @Test
    void everyVersionIsDescribedWithItsOwnProblemsAndTheGoodOnesWithTheirRules(@TempDir Path dir) throws IOException {
        version(dir, "pos-card/v1", "2020-01-01", "the first", GOOD);
        version(dir, "pos-card/v2", "2021-01-01", "half written", BROKEN);
        version(dir, "pos-card/v3", "2022-01-01", "reads the disk", UNSAFE);
        RuleSource source = RuleSource.folder(dir);

        RuleSourceDescription d = source.describe();

        assertFalse(d.compiles());
        assertEquals(List.of(), d.problems());
        assertEquals(3, d.versions().size());
        RuleVersionDescription v1 = d.versions().get(0);
        assertEquals(new RuleSetVersion("pos-card", 1, LocalDate.of(2020, 1, 1), "the first",
                List.of("pos-card/v1/rules.drl"), List.of()), v1.version());
        assertEquals(List.of("another", "opens"), v1.rules());
        assertTrue(v1.compiles());

        RuleVersionDescription v2 = d.versions().get(1);
        assertEquals("half written", v2.version().description());
        assertEquals(List.of(), v2.rules());
        assertEquals("pos-card/v2/rules.drl", v2.problems().get(0).file());
        assertEquals(5, v2.problems().get(0).line());

        RuleVersionDescription v3 = d.versions().get(2);
        assertEquals(List.of(), v3.rules());
        RuleError refused = v3.problems().get(0);
        assertEquals("pos-card/v3/rules.drl", refused.file());
        assertEquals(7, refused.line(), refused::toString);
        assertTrue(refused.message().contains("java.io.File"), refused::toString);

        assertEquals(List.of(v2.problems(), v3.problems()).stream().flatMap(List::stream).toList(), d.allProblems());
        // The engine, for its part, stops at the first version that fails.
        RuleCompilationException first = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(source).verifyRulesOnBuild().build());
        assertEquals(v2.problems(), first.errors());
    }

    @Test
    void aFolderThatIsNoSetOfVersionsIsDescribedByItsProblem(@TempDir Path dir) throws IOException {
        version(dir, "pos-card/v1", "2020-01-01", "the first", GOOD);
        Files.writeString(dir.resolve("pos-card/stray.drl"), GOOD);

        RuleSourceDescription d = RuleSource.folder(dir).describe();

        assertFalse(d.compiles());
        assertEquals(List.of(), d.versions());
        assertEquals("pos-card/stray.drl", d.problems().get(0).file(), d.problems()::toString);
        assertEquals(d.problems(), d.allProblems());
    }

    @Test
    void oneVersionOfASourceIsDescribedAlone(@TempDir Path dir) throws IOException {
        version(dir, "pos-card/v1", "2020-01-01", "the first", GOOD);
        version(dir, "pos-card/v2", "2021-01-01", "half written", BROKEN);

        RuleSourceDescription d = RuleSource.folder(dir).only("pos-card/v1").describe();

        assertTrue(d.compiles());
        assertEquals(List.of("another", "opens"), d.versions().get(0).rules());
        assertEquals(1, d.versions().size());
    }

    @Test
    void theDescriptionsAreValidated() {
        RuleSetVersion v1 = new RuleSetVersion("pos-card", 1, LocalDate.of(2020, 1, 1), "", List.of("pos-card/v1/a.drl"),
                List.of());
        RuleError problem = new RuleError("pos-card/v1/a.drl", 3, "no");
        assertEquals(List.of("a", "b"), new RuleVersionDescription(v1, List.of("b", "a"), List.of()).rules());
        for (org.junit.jupiter.api.function.Executable bad : List.<org.junit.jupiter.api.function.Executable>of(
                () -> new RuleVersionDescription(null, List.of(), List.of()),
                () -> new RuleVersionDescription(v1, null, List.of()),
                () -> new RuleVersionDescription(v1, List.of(), null),
                () -> new RuleVersionDescription(v1, List.of(" "), List.of()),
                () -> new RuleVersionDescription(v1, java.util.Arrays.asList("a", null), List.of()),
                () -> new RuleVersionDescription(v1, List.of("a"), List.of(problem)),
                () -> new RuleSourceDescription(" ", List.of(), List.of()),
                () -> new RuleSourceDescription("rules", null, List.of()),
                () -> new RuleSourceDescription("rules", List.of(), java.util.Arrays.asList(problem, null)))) {
            assertThrows(InvalidValueException.class, bad);
        }
    }
}

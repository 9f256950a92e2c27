package org.loyaltyengine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleCompilationException;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;

/**
 * Every rule file in a rule folder belongs to a version or is an error (SPEC ): a file that is on disk but never compiled would be policy an analyst believes in force.
 */
@Tag("X-10")
@Tag("X-11")
class RuleFolderTest {
    private static final String BROKEN = "package org.loyaltyengine.rules.poscard;\n"
            + "import org.loyaltyengine.rules.facts.*;\n"
            + "rule \"half written\"\n"
            + "when\n"
            + "    $i : PosAddItem( amount > )\n"
            + "then\n"
            + "end\n";

    /** The packaged pos-card v1, copied into a folder. */
    private static Path posCard(Path dir) throws IOException {
        for (Map.Entry<String, String> f : RuleSource.defaults().only("pos-card/v1").files().entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue());
        }
        return dir;
    }

    @Test
    void aBrokenFileInASubFolderOfAVersionIsAnError(@TempDir Path dir) throws IOException {
        Path root = posCard(dir);
        Path nested = Files.createDirectories(root.resolve("pos-card/v1/extra/deeper"));
        Files.writeString(nested.resolve("broken.drl"), BROKEN);

        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(root)).verifyRulesOnBuild().build());

        assertEquals("RULE_COMPILATION_FAILED", e.code());
        assertEquals("pos-card/v1/extra/deeper/broken.drl", e.errors().get(0).file(), e.getMessage());
        assertEquals(5, e.errors().get(0).line(), e.getMessage());
    }

    @Test
    void aGoodFileInASubFolderBelongsToTheVersion(@TempDir Path dir) throws IOException {
        Path root = posCard(dir);
        Path nested = Files.createDirectories(root.resolve("pos-card/v1/extra"));
        Files.move(root.resolve("pos-card/v1/topup.drl"), nested.resolve("topup.drl"));

        RuleSetVersion v1 = LoyaltyEngine.builder().rules(RuleSource.folder(root)).verifyRulesOnBuild().build()
                .ruleSets().get(0);

        assertTrue(v1.drlFiles().contains("pos-card/v1/extra/topup.drl"), v1.drlFiles().toString());
    }

    @Test
    void aRuleFileOutsideAnyVersionFolderIsAnError(@TempDir Path dir) throws IOException {
        Path root = posCard(dir);
        Files.writeString(root.resolve("pos-card/stray.drl"), BROKEN);

        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(root)).build());

        assertEquals("pos-card/stray.drl", e.errors().get(0).file(), e.getMessage());
    }

    @Test
    void aVersionFolderWithoutAManifestIsAnError(@TempDir Path dir) throws IOException {
        Path root = posCard(dir);
        Path v2 = Files.createDirectories(root.resolve("pos-card/v2"));
        Files.writeString(v2.resolve("discount.drl"), BROKEN);

        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(root)).build());

        assertEquals("pos-card/v2/discount.drl", e.errors().get(0).file(), e.getMessage());
        assertTrue(e.getMessage().contains("ruleset.properties"), e.getMessage());
    }

    /** A file the gate allows but Java does not compile still names file and line (compiled from the checked descriptors). */
    @Test
    void aCompileErrorAfterTheGateNamesFileAndLine(@TempDir Path dir) throws IOException {
        Path v1 = Files.createDirectories(dir.resolve("pos-card/v1"));
        Files.writeString(v1.resolve("ruleset.properties"), "effective-from=2020-01-01\n");
        Files.writeString(v1.resolve("typo.drl"), "package org.loyaltyengine.rules.poscard;\n"
                + "import org.loyaltyengine.rules.facts.*;\n"
                + "rule \"a typo\"\n"
                + "when\n"
                + "    $d : Decision()\n"
                + "then\n"
                + "    $d.rejekt(\"X\", \"y\");\n"
                + "end\n");

        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(dir)).verifyRulesOnBuild().build());

        assertEquals("RULE_COMPILATION_FAILED", e.code());
        assertEquals("pos-card/v1/typo.drl", e.errors().get(0).file(), e.getMessage());
        assertTrue(e.errors().get(0).line() > 0, e.getMessage());
        assertTrue(e.getMessage().contains("rejekt"), e.getMessage());
    }

    @Test
    void aBrokenFileInALinkedSubFolderIsAnError(@TempDir Path dir) throws IOException {
        Path root = posCard(dir.resolve("rules"));
        Path elsewhere = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(elsewhere.resolve("broken.drl"), BROKEN);
        Files.createSymbolicLink(root.resolve("pos-card/v1/shared"), elsewhere);

        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(root)).verifyRulesOnBuild().build());

        assertEquals("pos-card/v1/shared/broken.drl", e.errors().get(0).file(), e.getMessage());
    }

    @Test
    void aRuleFileThatIsNotUtf8IsAnErrorAndOtherFilesPlayNoPart(@TempDir Path dir) throws IOException {
        Path root = posCard(dir);
        Files.write(root.resolve("pos-card/v1/logo.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', (byte) 0xff, 0});
        LoyaltyEngine.builder().rules(RuleSource.folder(root)).verifyRulesOnBuild().build();

        Files.write(root.resolve("pos-card/v1/latin1.drl"), "// caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        RuleCompilationException e = assertThrows(RuleCompilationException.class, () -> RuleSource.folder(root));

        assertEquals("pos-card/v1/latin1.drl", e.errors().get(0).file(), e.getMessage());
    }

    /** A copy of pos-card v1 as another version folder of the same set. */
    private static void copyVersion(Path root, String folder, String manifest) throws IOException {
        for (Map.Entry<String, String> f : RuleSource.defaults().only("pos-card/v1").files().entrySet()) {
            Path target = root.resolve(f.getKey().replace("pos-card/v1/", "pos-card/" + folder + "/"));
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getKey().endsWith("ruleset.properties") ? manifest : f.getValue());
        }
    }

    @Test
    void aVersionNumberTooLargeForAnIntIsACompilationError(@TempDir Path dir) throws IOException {
        Path root = posCard(dir);
        copyVersion(root, "v99999999999", "effective-from=2027-01-01\n");

        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(root)).build());

        assertEquals("RULE_COMPILATION_FAILED", e.code());
        assertTrue(e.errors().get(0).file().startsWith("pos-card/v99999999999"), e.getMessage());
    }

    /** v1 and v01 would both be version 1: one manifest would be dropped and the two folders' rules merged. */
    @Test
    void twoFoldersNamingTheSameVersionAreAnError(@TempDir Path dir) throws IOException {
        Path root = posCard(dir);
        copyVersion(root, "v01", "effective-from=2027-01-01\n");

        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(root)).build());

        assertTrue(e.getMessage().contains("pos-card/v01") && e.getMessage().contains("pos-card/v1"), e.getMessage());
    }

    /** Two versions in force from the same day: which one decides would depend on their numbers, not on a date. */
    @Test
    void twoVersionsEffectiveFromTheSameDayAreAnError(@TempDir Path dir) throws IOException {
        Path root = posCard(dir);
        copyVersion(root, "v2", RuleSource.defaults().files().get("pos-card/v1/ruleset.properties"));

        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(root)).build());

        assertEquals("RULE_COMPILATION_FAILED", e.code());
        assertTrue(e.getMessage().contains("v1") && e.getMessage().contains("v2"), e.getMessage());
    }

    /** A rule file linked to a file outside the rule folder is not the analysts' policy: refused, and not read. */
    @Test
    void aRuleFileLinkedFromOutsideTheFolderIsAnError(@TempDir Path dir) throws IOException {
        Path root = posCard(dir.resolve("rules"));
        Path outside = dir.resolve("elsewhere.drl");
        Files.writeString(outside, BROKEN);
        Files.createSymbolicLink(root.resolve("pos-card/v1/linked.drl"), outside);

        RuleCompilationException e = assertThrows(RuleCompilationException.class, () -> RuleSource.folder(root));

        assertEquals("pos-card/v1/linked.drl", e.errors().get(0).file(), e.getMessage());
        assertTrue(e.getMessage().contains("outside"), e.getMessage());
    }
}

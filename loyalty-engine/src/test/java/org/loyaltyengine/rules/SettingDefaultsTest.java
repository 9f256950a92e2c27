package org.loyaltyengine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleCompilationException;
import org.loyaltyengine.RuleSource;

/** Settings defaults are data of the rule set's version: {@code setting.<name>=value} lines of its manifest. */
@Tag("X-11")
class SettingDefaultsTest {
    private static final String DRL = """
            package org.loyaltyengine.rules.demo
            import org.loyaltyengine.rules.facts.Decision
            rule "nothing"
            when
                Decision()
            then
            end
            """;

    @Test
    void eachVersionGivesItsOwnDefaults(@TempDir Path rules) throws IOException {
        write(rules.resolve("demo/v1"), "effective-from=2026-01-01\nsetting.holdMinutes=720\nsetting.note = first\n");
        write(rules.resolve("demo/v2"), "effective-from=2026-07-01\nsetting.holdMinutes=60\n");
        LoyaltyEngine engine = LoyaltyEngine.builder().rules(RuleSource.folder(rules)).build();

        assertEquals(Map.of("holdMinutes", "720", "note", "first"),
                engine.ruleSetInForce("demo", LocalDate.parse("2026-03-01")).settingDefaults());
        assertEquals(Map.of("holdMinutes", "60"),
                engine.ruleSetInForce("demo", LocalDate.parse("2026-07-01")).settingDefaults());
    }

    @Test
    void aDefaultWithAKeyNoStoreHoldsIsACompilationErrorNamingTheManifest(@TempDir Path rules) throws IOException {
        write(rules.resolve("demo/v1"), "effective-from=2026-01-01\nsetting.hold\\u0000minutes=720\n");

        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(rules)).build().ruleSets());
        assertTrue(e.getMessage().contains("ruleset.properties"), e::getMessage);
    }

    private static void write(Path version, String manifest) throws IOException {
        Files.createDirectories(version);
        Files.writeString(version.resolve("ruleset.properties"), manifest);
        Files.writeString(version.resolve("demo.drl"), DRL);
    }
}

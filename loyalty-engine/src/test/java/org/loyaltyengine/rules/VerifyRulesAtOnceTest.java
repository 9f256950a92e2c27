package org.loyaltyengine.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleCompilationException;
import org.loyaltyengine.RuleSource;

/**
 * {@code verifyRules()} compiles the versions several at once (SPEC X-11, issue 14's cold start) and still reports
 * what compiling them one after another would: the first broken version in the order of {@code ruleSets()}, with
 * its file and line, whichever version's compilation fails first in time; and it leaves no thread behind.
 */
@Tag("X-11")
class VerifyRulesAtOnceTest {
    /**
     * Gets past the parser and the gate; Java refuses the consequence late, in the version's Drools compile, which
     * names the line the rule starts on (3).
     */
    private static final String LATE_ERROR = String.join("\n", "package org.loyaltyengine.rules.customercard;",
            "import org.loyaltyengine.rules.facts.*;", "rule \"a typo\" when $d : Decision() then $d.rejekt(\"X\", \"y\"); end",
            "");

    /** A syntax error: refused by the parser at once, before anything of its version is compiled. */
    private static final String EARLY_ERROR = "package org.loyaltyengine.rules.customers;\n"
            + "import org.loyaltyengine.rules.facts.*;\n"
            + "rule \"half written\"\n"
            + "when\n"
            + "    $i : Decision( amount > )\n"
            + "then\n"
            + "end\n";

    /** Every packaged version, copied into a folder, with a late error in customer-card/v1 and an early one in customers/v1. */
    private static Path twoBrokenVersions(Path dir) throws IOException {
        for (Map.Entry<String, String> f : RuleSource.defaults().files().entrySet()) {
            Path target = dir.resolve(f.getKey());
            Files.createDirectories(target.getParent());
            Files.writeString(target, f.getValue());
        }
        Files.writeString(dir.resolve("customer-card/v1/typo.drl"), LATE_ERROR);
        Files.writeString(dir.resolve("customers/v1/broken.drl"), EARLY_ERROR);
        return dir;
    }

    @Test
    void theFirstBrokenVersionInOrderIsReportedWithFileAndLine(@TempDir Path dir) throws IOException {
        Path root = twoBrokenVersions(dir);
        LoyaltyEngine engine = LoyaltyEngine.builder().rules(RuleSource.folder(root)).build();
        List<String> order = engine.ruleSets().stream().map(v -> v.folder()).toList();
        assertEquals(List.of("credits/v1", "customer-card/v1", "customers/v1", "pos-card/v1", "savings-points/v1"), order);

        // Twice on fresh sources: the answer must not depend on which compilation happened to end first.
        for (int run = 0; run < 2; run++) {
            RuleCompilationException e = assertThrows(RuleCompilationException.class,
                    () -> LoyaltyEngine.builder().rules(RuleSource.folder(root)).build().verifyRules());

            assertEquals(List.of("customer-card/v1/typo.drl:3"),
                    e.errors().stream().map(x -> x.file() + ":" + x.line()).distinct().toList(), e.getMessage());
        }
    }

    @Test
    void theLaterBrokenVersionIsReportedOnceTheFirstIsFixed(@TempDir Path dir) throws IOException {
        Path root = twoBrokenVersions(dir);
        Files.delete(root.resolve("customer-card/v1/typo.drl"));

        RuleCompilationException e = assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(root)).build().verifyRules());

        assertEquals("customers/v1/broken.drl", e.errors().get(0).file(), e.getMessage());
        assertEquals(5, e.errors().get(0).line(), e.getMessage());
    }

    @Test
    void noCompilingThreadOutlivesTheCall(@TempDir Path dir) throws IOException {
        Path root = twoBrokenVersions(dir);
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        assertThrows(RuleCompilationException.class,
                () -> LoyaltyEngine.builder().rules(RuleSource.folder(root)).build().verifyRules());
        LoyaltyEngine.builder().rules(RuleSource.defaults()).build().verifyRules();

        // Nothing of the compile left running, and above all no non-daemon thread that would keep a host's JVM up.
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t))
                .filter(t -> !t.isDaemon() || t.getName().startsWith("loyalty-rule-compile"))
                .map(Thread::getName).toList();
        assertEquals(List.of(), left);
    }
}

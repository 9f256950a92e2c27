package org.loyaltyengine.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.loyaltyengine.RuleSource;

/**
 * A rule author's scenario that gives the POS or customer-card driver a number, a mode or a hold time
 * that is not one: the command fails with a typed INVALID_VALUE the scenario can expect, never a
 * NumberFormatException out of the runner.
 */
@Tag("X-11")
@Tag("X-10")
class HostileScenarioStepsTest {
    private static final String POS = """
            scenario: bad numbers and modes are typed errors
            actor: manager pos-card.cards pos-card.settings pos-card.manual
            defineCard number=1001 discount=ten
            expect error INVALID_VALUE
            openReceipt receipt=R1
            expect applied
            identifyCard receipt=R1 card=1001 mode=BOTH
            expect error INVALID_VALUE
            addItem receipt=R1 line=1 price=10.00 vat=abc
            expect error INVALID_VALUE
            addItem receipt=R1 line=1 price=10.00 manualDiscount=half
            expect error INVALID_VALUE
            topUpItem receipt=R1 line=2 amount=10.00 vat=x
            expect error INVALID_VALUE
            configure holdMinutes=12h
            expect error INVALID_VALUE
            """;
    private static final String CARD = """
            scenario: bad numbers are typed errors
            actor: manager customer-card.settings customer-card.catalogue customer-card.manual
            configure percent=ten
            expect error INVALID_VALUE
            configure percent=10 minPurchases=five
            expect error INVALID_VALUE
            configure percent=10 minUnits=1,5
            expect error INVALID_VALUE
            product id=food percent=x
            expect error INVALID_VALUE
            configure percent=10
            expect applied
            product id=food
            expect applied
            lock doc=S1 customer=c1 lines="1:food:two:10.00"
            expect error INVALID_VALUE
            lock doc=S1 customer=c1 lines="1:food:1:10.00"
            expect applied
            creditNote id=CN1 doc=S1 lines="1:one"
            expect error INVALID_VALUE
            """;

    @Test
    void aScenarioStepWithGarbageIsATypedErrorTheScenarioCanExpect(@TempDir Path rules) throws IOException {
        copyWithScenario(Path.of("..", "rules", "pos-card", "v1"), rules.resolve("pos-card/v1"), POS);
        copyWithScenario(Path.of("..", "rules", "customer-card", "v1"), rules.resolve("customer-card/v1"), CARD);

        List<ScenarioResult> results = new ScenarioRunner().runAll(RuleSource.folder(rules));

        assertEquals(2, results.size(), results::toString);
        results.forEach(r -> assertTrue(r.passed(), r::toString));
    }

    private static void copyWithScenario(Path from, Path to, String scenario) throws IOException {
        Files.createDirectories(to.resolve("scenarios"));
        try (Stream<Path> files = Files.list(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, to.resolve(f.getFileName().toString()));
            }
        }
        Files.writeString(to.resolve("scenarios/hostile.scenario"), scenario);
    }
}

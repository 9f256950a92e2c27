package org.loyaltyengine.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;

/**
 * Registries (and so engines) built on one rule source instance share its compiled versions, each with its
 * own evaluation limits; another instance, even of the same files, compiles its own.
 */
@Tag("X-1")
class RuleSetRegistrySharingTest {
    @Test
    void registriesOnOneSourceShareItsCompiledVersions() {
        RuleSource source = RuleSource.defaults().only("pos-card/v1");
        RuleSetRegistry first = new RuleSetRegistry(source);
        EvaluationLimits tight = new EvaluationLimits(10, Duration.ofSeconds(1));
        RuleSetRegistry second = new RuleSetRegistry(source, tight);
        RuleSetVersion v1 = first.all().get(0);

        RuleSetRegistry.Compiled a = first.compile(v1);
        RuleSetRegistry.Compiled b = second.compile(second.all().get(0));

        assertSame(a.kieBase(), b.kieBase());
        assertEquals(EvaluationLimits.DEFAULT, a.limits());
        assertEquals(tight, b.limits());
        RuleSource sameFiles = RuleSource.defaults().only("pos-card/v1");
        assertNotSame(a.kieBase(), new RuleSetRegistry(sameFiles).compile(v1).kieBase());
    }
}

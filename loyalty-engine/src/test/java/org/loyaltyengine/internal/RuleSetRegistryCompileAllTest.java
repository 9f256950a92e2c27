package org.loyaltyengine.internal;

import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;

/**
 * Registries on one rule source that compile all its versions at the same time, each several at once, still
 * compile each version once between them: every registry ends with the same KieBase of each version.
 */
@Tag("X-1")
class RuleSetRegistryCompileAllTest {
    @Test
    void registriesCompilingAllAtOnceOnOneSourceShareEachVersion() {
        RuleSource source = RuleSource.defaults();
        RuleSetRegistry first = new RuleSetRegistry(source);
        RuleSetRegistry second = new RuleSetRegistry(source);

        CompletableFuture<Void> a = CompletableFuture.runAsync(first::compileAll);
        CompletableFuture<Void> b = CompletableFuture.runAsync(second::compileAll);
        a.join();
        b.join();

        for (RuleSetVersion v : first.all()) {
            assertSame(first.compile(v).kieBase(), second.compile(v).kieBase(), v.folder());
        }
    }
}

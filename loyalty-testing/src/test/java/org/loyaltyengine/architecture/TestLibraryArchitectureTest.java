package org.loyaltyengine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.loyaltyengine.scenarios.ScenarioRunner;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The test library's side of the engine's module rules ({@code ArchitectureTest} in loyalty-engine, which
 * cannot see this module): the library a host adds to its own tests uses the engine's public API alone, so
 * that it runs on the module path, where the engine exports no {@code internal} package to anyone. Its own
 * tests may read engine internals (they run on the class path); its main code may not.
 */
@Tag("X-1")
class TestLibraryArchitectureTest {
    /** The library's main code, and only it: the classes beside {@link ScenarioRunner}. */
    private static final JavaClasses MAIN = importFrom(ScenarioRunner.class);

    private static final ArchRule PUBLIC_API_ONLY = noClasses()
            .should().dependOnClassesThat().resideInAPackage("..internal..")
            .orShould().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..", "org.mvel2..")
            .because("a host's tests run the library on the module path, where only the engine's API is exported");

    private static JavaClasses importFrom(Class<?> beside) {
        return new ClassFileImporter().importLocations(Set.of(Location.of(
                beside.getProtectionDomain().getCodeSource().getLocation())));
    }

    @Test
    void theLibraryUsesTheEnginesPublicApiOnly() {
        assertTrue(MAIN.contain("org.loyaltyengine.testing.rules.RuleSafetyContract"), "main classes imported");
        assertTrue(MAIN.stream().noneMatch(c -> c.getName().endsWith("InMemoryTest")), "no test class imported");
        PUBLIC_API_ONLY.check(MAIN);
    }

    @Test
    void theRuleCanFail() {
        // The module's tests do read internals (CsvTableTest, in the engine's internal package): the same
        // rule refuses them, so it is not one that holds of anything.
        assertThrows(AssertionError.class, () -> PUBLIC_API_ONLY.check(importFrom(TestLibraryArchitectureTest.class)));
    }
}

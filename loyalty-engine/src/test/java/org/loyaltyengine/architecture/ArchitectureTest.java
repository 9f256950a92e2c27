package org.loyaltyengine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The module rules as tests (docs/architecture.md): a store implementer depends on the SPI alone, so the
 * SPI names nothing of Drools, JPA, Hibernate or the engine.
 */
@Tag("X-1")
class ArchitectureTest {
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.loyaltyengine");

    @Test
    void theSpiDependsOnNoRuleEngineNoPersistenceAndNotOnTheEngine() {
        noClasses().that().resideInAPackage("org.loyaltyengine.spi..")
                .should().dependOnClassesThat().resideInAnyPackage("org.drools..", "org.kie..", "jakarta.persistence..",
                        "org.hibernate..", "org.mvel2..")
                .orShould().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "engine classes", c -> c.getPackageName().startsWith("org.loyaltyengine")
                                && !c.getPackageName().startsWith("org.loyaltyengine.spi")))
                .check(MAIN);
    }

    @Test
    void theEngineNeverReachesPersistenceDirectly() {
        noClasses().that().resideInAPackage("org.loyaltyengine..").and().resideOutsideOfPackage("org.loyaltyengine.jpa..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "java.sql..")
                .check(MAIN);
    }
}

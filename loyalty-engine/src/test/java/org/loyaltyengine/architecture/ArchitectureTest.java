package org.loyaltyengine.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The module rules as tests (docs/architecture.md): a store implementer depends on the SPI alone, so the
 * SPI names nothing of Drools, JPA, Hibernate or the engine. The test library, built after the engine and so
 * not on this module's class path, has its rule in its own tests: {@code TestLibraryArchitectureTest} in
 * loyalty-testing keeps its main code off every {@code internal} package and off Drools.
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
    void noPublicSignatureOfTheApiNamesAnInternalType() {
        // The public surface: everything outside the internal packages. A public or protected method,
        // constructor or field there that takes or returns an internal type would make the internal
        // type part of the API (as CommandPipeline once was, in the facades' constructors).
        com.tngtech.archunit.lang.ArchCondition<com.tngtech.archunit.core.domain.JavaClass> exposeNoInternals =
                new com.tngtech.archunit.lang.ArchCondition<>("name no internal type in a public signature") {
                    @Override
                    public void check(com.tngtech.archunit.core.domain.JavaClass c,
                                      com.tngtech.archunit.lang.ConditionEvents events) {
                        for (com.tngtech.archunit.core.domain.JavaMember m : c.getMembers()) {
                            if (!m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                                    && !m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PROTECTED)) {
                                continue;
                            }
                            for (com.tngtech.archunit.core.domain.JavaClass t : signatureTypes(m)) {
                                if (t.getPackageName().contains(".internal")) {
                                    events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(m,
                                            m.getFullName() + " names " + t.getName()));
                                }
                            }
                        }
                    }
                };
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes().that().arePublic()
                .and().resideOutsideOfPackages("..internal..").and().resideInAPackage("org.loyaltyengine..")
                .should(exposeNoInternals).check(MAIN);
    }

    private static java.util.Set<com.tngtech.archunit.core.domain.JavaClass> signatureTypes(
            com.tngtech.archunit.core.domain.JavaMember m) {
        java.util.Set<com.tngtech.archunit.core.domain.JavaClass> types = new java.util.HashSet<>();
        if (m instanceof com.tngtech.archunit.core.domain.JavaField f) {
            types.addAll(f.getType().getAllInvolvedRawTypes());
        } else if (m instanceof com.tngtech.archunit.core.domain.JavaCodeUnit u) {
            types.addAll(u.getReturnType().getAllInvolvedRawTypes());
            u.getParameterTypes().forEach(p -> types.addAll(p.getAllInvolvedRawTypes()));
        }
        return types;
    }

    @Test
    void theEngineShipsAndUsesNoTestTooling() {
        // The scenario runner, drivers, suites and test stores live in loyalty-testing, which depends on
        // the engine: an engine class there, or one naming them, would bring test code into the engine
        // jar or a cycle into the module graph.
        noClasses().should().resideInAnyPackage("org.loyaltyengine.testing..", "org.loyaltyengine.scenarios..")
                .orShould().dependOnClassesThat().resideInAnyPackage("org.loyaltyengine.testing..",
                        "org.loyaltyengine.scenarios..", "org.junit..", "net.jqwik..")
                .check(MAIN);
    }

    @Test
    void everyFactBearsItsProgramsPrefixAndNoNameOfAProgramClass() {
        // One naming scheme (docs/architecture.md, "Naming"): a fact's prefix says whose it is, and a fact
        // never shares its simple name with a class of a program's package or its internals, so code that
        // reads a view and the fact beside it (CardLine, CardOpenLine) never needs a qualified name.
        java.util.List<String> prefixes = java.util.List.of("Pos", "Points", "Card", "Customer", "Credit");
        java.util.Set<String> common = java.util.Set.of("Decision", "CommandInfo", "package-info");
        java.util.Map<String, String> programClasses = new java.util.TreeMap<>();
        for (String program : java.util.List.of("pos", "card", "points", "customers", "credits")) {
            for (String pkg : java.util.List.of("org.loyaltyengine." + program,
                    "org.loyaltyengine." + program + ".internal")) {
                MAIN.stream().filter(c -> c.getPackageName().equals(pkg) && c.isTopLevelClass())
                        .forEach(c -> programClasses.put(c.getSimpleName(), c.getName()));
            }
        }
        java.util.List<String> wrong = new java.util.ArrayList<>();
        MAIN.stream().filter(c -> c.getPackageName().equals("org.loyaltyengine.rules.facts") && c.isTopLevelClass())
                .map(com.tngtech.archunit.core.domain.JavaClass::getSimpleName)
                .filter(name -> !common.contains(name))
                .forEach(name -> {
                    if (prefixes.stream().noneMatch(name::startsWith)) {
                        wrong.add(name + " bears no program's prefix " + prefixes);
                    }
                    if (programClasses.containsKey(name)) {
                        wrong.add(name + " is also " + programClasses.get(name));
                    }
                });
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), wrong);
    }

    @Test
    void theEngineNeverReachesPersistenceDirectly() {
        noClasses().that().resideInAPackage("org.loyaltyengine..").and().resideOutsideOfPackage("org.loyaltyengine.jpa..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "org.hibernate..", "java.sql..")
                .check(MAIN);
    }
}

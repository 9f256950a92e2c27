package org.loyaltyengine.examples.moduletests;

import java.util.List;

import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.RuleSource;
import org.loyaltyengine.customers.CustomerProfile;
import org.loyaltyengine.scenarios.ScenarioResult;
import org.loyaltyengine.scenarios.ScenarioRunner;
import org.loyaltyengine.testing.customers.CustomersFixture;

/**
 * What a host's test suite does with the test library, on the module path: runs the scenarios of every
 * packaged rule-set version (the drivers found as services of the library's automatic module), lists the
 * rules no scenario names (each version compiled and described through the engine's API), and builds a
 * customers fixture, whose engine auto-enrols a new customer in the customer card. Then probes what the
 * library may not reach. Prints one {@code key=value} line per finding for {@code ModulePathTest} to check;
 * exits non-zero on any exception, an {@code IllegalAccessError} of a library class reaching into the engine
 * among them.
 */
public final class HostTests {
    public static void main(String[] args) {
        Module testing = ScenarioRunner.class.getModule();
        print("testing.module", testing.getName());
        print("testing.automatic", testing.getDescriptor().isAutomatic());

        RuleSource rules = RuleSource.defaults();
        ScenarioRunner runner = new ScenarioRunner();
        List<ScenarioResult> results = runner.runAll(rules);
        print("scenarios.run", results.size());
        results.stream().filter(r -> !r.passed()).forEach(r -> print("scenario.failed", r));
        print("scenarios.failed", results.stream().filter(r -> !r.passed()).count());
        List<RuleSetVersion> versions = LoyaltyEngine.builder().rules(rules).build().ruleSets();
        print("versions", versions.size());
        print("rules.unnamed", versions.stream().mapToInt(v -> runner.rulesNamedByNoScenario(rules, v).size()).sum());

        CustomersFixture shop = new CustomersFixture();
        String created = shop.create(CustomerProfile.named("Jansen"));
        print("fixture.enrolled", shop.hookedCustomers().equals(List.of(created)));

        Module engine = LoyaltyEngine.class.getModule();
        print("exported.org.loyaltyengine.internal.toTesting", engine.isExported("org.loyaltyengine.internal", testing));
        print("exported.org.loyaltyengine.customers.internal.toTesting",
                engine.isExported("org.loyaltyengine.customers.internal", testing));
    }

    private static void print(String key, Object value) {
        System.out.println(key + "=" + value);
    }
}

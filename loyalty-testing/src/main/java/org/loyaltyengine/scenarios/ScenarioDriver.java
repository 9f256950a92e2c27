package org.loyaltyengine.scenarios;

import java.util.Map;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.LoyaltyEngine;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Turns the steps of one rule set's scenario files into calls on its program facade. Each program
 * ships one, registered in {@code META-INF/services/org.loyaltyengine.scenarios.ScenarioDriver}.
 */
public interface ScenarioDriver {
    /** The rule set whose scenarios this driver runs, e.g. {@code pos-card}. */
    String ruleSet();

    /**
     * Runs a command step exactly as written ({@code addItem receipt=R1 line=1 price=45.00}).
     *
     * @param store the scenario's own store, the one {@code engine} runs on: for the steps that seed master
     *              data straight into it, as a host's migration does, and read what no facade shows (the engine
     *              hands out no path to its store)
     * @throws ScenarioException for an unknown verb or a missing argument
     */
    Outcome command(LoyaltyEngine engine, LoyaltyStore store, CommandContext ctx, String verb, Map<String, String> args);

    /** Answers a {@code check} step with the actual value as plain text. */
    String check(LoyaltyEngine engine, TenantId tenant, String what, Map<String, String> args);

    /** The argument {@code name}, or a scenario error naming the step's missing argument. */
    static String arg(Map<String, String> args, String name) {
        String v = args.get(name);
        if (v == null) {
            throw new ScenarioException("missing argument " + name + "=...");
        }
        return v;
    }
}

package org.loyaltyengine.customers.internal;

import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;

import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.customers.CustomerRequests.Configure;
import org.loyaltyengine.customers.Customers;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.spi.InvalidValueException;

/**
 * The program's settings besides the custom field declarations, which share the settings of program
 * {@code customers} ({@code field.<name>} keys): each as stored, or for a setting never configured the
 * default of the rule-set version in force ({@code setting.<name>} of its {@code ruleset.properties}).
 */
final class CustomerSettings {
    static final String MATCH_BY_EMAIL = "matchBuyersByEmail";

    private CustomerSettings() {
    }

    /** The settings in force on the date, from the program's stored settings as read. */
    static Configure of(Map<String, String> stored, RuleSetRegistry rules, LocalDate date) {
        RuleSetVersion version = rules.versionInForce(Customers.PROGRAM, date);
        String value = stored.get(MATCH_BY_EMAIL);
        boolean byDefault = value == null;
        if (byDefault) {
            value = version.settingDefaults().get(MATCH_BY_EMAIL);
            if (value == null) {
                throw new InvalidValueException("rule set " + version.ruleSet() + " v" + version.version() + " gives no"
                        + " default for the customers setting " + MATCH_BY_EMAIL + ": add setting." + MATCH_BY_EMAIL
                        + "=false to its ruleset.properties, or configure the program");
            }
        }
        // Strictly true or false: Boolean.parseBoolean would read a misspelt "ture" as off without a word.
        return switch (value) {
            case "true" -> new Configure(true);
            case "false" -> new Configure(false);
            default -> throw new InvalidValueException("the customers setting " + MATCH_BY_EMAIL + " is '" + value
                    + "', not true or false; " + (byDefault ? "correct setting." + MATCH_BY_EMAIL + " in the"
                    + " ruleset.properties of " + version.ruleSet() + " v" + version.version() : "configure the program"));
        };
    }

    /** The stored settings with {@code settings} written over them; the field declarations are kept. */
    static Map<String, String> with(Map<String, String> stored, Configure settings) {
        Map<String, String> values = new TreeMap<>(stored);
        values.put(MATCH_BY_EMAIL, Boolean.toString(settings.matchBuyersByEmail()));
        return values;
    }
}

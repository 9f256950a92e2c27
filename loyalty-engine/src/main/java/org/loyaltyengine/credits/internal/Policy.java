package org.loyaltyengine.credits.internal;

import java.util.Map;

import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.credits.CreditRequests.Configure;
import org.loyaltyengine.rules.facts.CreditSettings;
import org.loyaltyengine.spi.InvalidValueException;

/** The program's settings as stored and as the rules see them; the one place that knows their names. */
final class Policy {
    private static final String PRICE_ABOVE_FACE_VALUE = "priceAboveFaceValue";
    private static final String NEGATIVE_BALANCE = "negativeBalance";

    private Policy() {
    }

    static Map<String, String> stored(Configure c) {
        return Map.of(PRICE_ABOVE_FACE_VALUE, Boolean.toString(c.priceAboveFaceValue()), NEGATIVE_BALANCE,
                Boolean.toString(c.negativeBalance()));
    }

    /** The settings in force: the stored ones, or the defaults of the rule-set version in force. */
    static CreditSettings of(Map<String, String> stored, RuleSetVersion version) {
        return new CreditSettings(flag(stored, version, PRICE_ABOVE_FACE_VALUE), flag(stored, version, NEGATIVE_BALANCE));
    }

    private static boolean flag(Map<String, String> stored, RuleSetVersion version, String name) {
        String value = stored.get(name);
        String what = "the stored credits setting " + name;
        if (value == null) {
            value = version.settingDefaults().get(name);
            what = "the default of the credits setting " + name + " in rule set " + version.ruleSet() + " v"
                    + version.version();
            if (value == null) {
                throw new InvalidValueException("rule set " + version.ruleSet() + " v" + version.version()
                        + " gives no default for the credits setting " + name + ": add setting." + name
                        + "=true|false to its ruleset.properties, or configure the program");
            }
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidValueException(what + " is '" + value + "'; it must be true or false");
        };
    }
}

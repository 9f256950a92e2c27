package org.loyaltyengine.pos.internal;

import java.util.Map;

import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.pos.PosRequests.Configure;
import org.loyaltyengine.rules.facts.PosModeSettings;
import org.loyaltyengine.rules.facts.PosSettings;
import org.loyaltyengine.spi.InvalidValueException;

/** The program's settings as stored (named values) and as the rules see them; the one place that knows their names. */
final class HoldSettings {
    private static final String HOLD_MINUTES = "holdMinutes";
    private static final String REQUIRE_MODE_CHOICE = "requireModeChoice";
    private static final String DISCOUNT_NEEDS_CREDIT = "discountNeedsCredit";

    private HoldSettings() {
    }

    /** The stored values a configuration writes. */
    static Map<String, String> stored(Configure c) {
        return Map.of(HOLD_MINUTES, Long.toString(c.holdMinutes()), REQUIRE_MODE_CHOICE,
                Boolean.toString(c.requireModeChoice()), DISCOUNT_NEEDS_CREDIT, Boolean.toString(c.discountNeedsCredit()));
    }

    /**
     * The settings in force: the stored ones, or for a program never configured the defaults of the rule-set
     * version in force ({@code setting.holdMinutes} of its {@code ruleset.properties}), checked as a stored value is.
     */
    static PosSettings of(Map<String, String> stored, RuleSetVersion version) {
        String minutes = stored.get(HOLD_MINUTES);
        long hold;
        if (minutes == null) {
            String byDefault = version.settingDefaults().get(HOLD_MINUTES);
            if (byDefault == null) {
                throw new InvalidValueException("rule set " + version.ruleSet() + " v" + version.version() + " gives no "
                        + "default for the POS setting holdMinutes: add setting." + HOLD_MINUTES + "=<minutes> to its "
                        + "ruleset.properties, or configure the program");
            }
            hold = parsed(byDefault, "the default of the POS setting holdMinutes in rule set " + version.ruleSet() + " v"
                    + version.version(), "correct its ruleset.properties");
        } else {
            hold = parsed(minutes, "the stored POS setting holdMinutes", "configure the program again");
        }
        return new PosSettings(hold);
    }

    /**
     * Whether the cashier must choose the mode of a card with discount and credit drawing, and whether a discount
     * needs loaded credit: the stored values, or
     * for settings stored before the choice existed and a program never configured, the default of the rule-set
     * version in force ({@code setting.requireModeChoice}, {@code setting.discountNeedsCredit}; false where it
     * gives none).
     */
    static PosModeSettings modeOf(Map<String, String> stored, RuleSetVersion version) {
        return new PosModeSettings(flag(stored, version, REQUIRE_MODE_CHOICE), flag(stored, version, DISCOUNT_NEEDS_CREDIT));
    }

    private static boolean flag(Map<String, String> stored, RuleSetVersion version, String name) {
        String value = stored.get(name);
        return value == null
                ? flag(version.settingDefaults().getOrDefault(name, "false"), "the default of the POS setting " + name
                        + " in rule set " + version.ruleSet() + " v" + version.version(), "correct its ruleset.properties")
                : flag(value, "the stored POS setting " + name, "configure the program again");
    }

    private static boolean flag(String value, String what, String remedy) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidValueException(what + " is '" + value + "'; it must be true or false: " + remedy);
        };
    }

    private static long parsed(String minutes, String what, String remedy) {
        // A value stored before the range existed, or by a host straight into its store, is checked
        // like a new one, so it cannot place a reservation that expires before it is made.
        try {
            return new Configure(Long.parseLong(minutes)).holdMinutes();
        } catch (NumberFormatException | InvalidValueException e) {
            throw new InvalidValueException(what + " is '" + minutes + "'; it must be between "
                    + Configure.MIN_HOLD_MINUTES + " and " + Configure.MAX_HOLD_MINUTES + " minutes: " + remedy);
        }
    }
}

package org.loyaltyengine.card.internal;


import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.loyaltyengine.RuleSetVersion;
import org.loyaltyengine.card.CardRequests.Configure;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.rules.facts.CardDefaultPeriod;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Money;

/**
 * The practice's card settings in force on a business date: each as stored, or for a setting never
 * configured the default of the rule-set version in force ({@code setting.<name>} in its
 * {@code ruleset.properties}, e.g. {@code setting.defaultPercent=0}), not a constant in Java. Both are
 * checked like new settings ({@link Configure}).
 */
final class CardSettingsInForce {
    private static final String DEFAULT_PERCENT = "defaultPercent";
    private static final String DEFAULT_PERCENT_FROM = "defaultPercent.from.";
    private static final String AUTO_ENROL = "autoEnrol";
    private static final String CURRENCY = "currency";

    private final RuleSetRegistry rules;

    CardSettingsInForce(RuleSetRegistry rules) {
        this.rules = rules;
    }

    RuleSetRegistry rules() {
        return rules;
    }

    /** The version of the card's rule set in force on the date, if the engine has one. */
    Optional<RuleSetVersion> versionOn(LocalDate date) {
        for (RuleSetVersion v : rules.all()) {
            if (v.ruleSet().equals(CustomerCards.PROGRAM) && !v.effectiveFrom().isAfter(date)) {
                return Optional.of(rules.versionInForce(CustomerCards.PROGRAM, date));
            }
        }
        return Optional.empty();
    }

    /** The settings in force on the date; a rule-set version must be in force on it. */
    CardSettings on(StoreView view, LocalDate date) {
        return of(view, rules.versionInForce(CustomerCards.PROGRAM, date));
    }

    /**
     * The settings as stored over the version's defaults. A value written before the ranges existed, or by
     * a host straight into its store, is a typed error naming the setting, never a NumberFormatException
     * or a card at 250%; so is a default the version's manifest spells wrong or leaves out.
     */
    static CardSettings of(StoreView view, RuleSetVersion version) {
        Map<String, String> stored = view.settings(CustomerCards.PROGRAM);
        Map<String, String> defaults = version.settingDefaults();
        Setting s = new Setting(stored, defaults, version);
        Configure c;
        try {
            c = new Configure(s.required(DEFAULT_PERCENT, BigDecimal::new), s.optional("minUnits", BigDecimal::new),
                    s.optional("minPurchases", Integer::valueOf), s.optional("minVisits", Integer::valueOf),
                    s.optional("minAmount", BigDecimal::new), s.required(AUTO_ENROL, Boolean::valueOf),
                    s.required(CURRENCY, Money::currency));
        } catch (InvalidValueException e) {
            throw new InvalidValueException("the customer-card settings in force are not valid: " + e.getMessage()
                    + "; configure the program again" + (s.usedDefault ? ", or correct the defaults in the "
                    + "ruleset.properties of " + version.ruleSet() + " v" + version.version() : ""));
        }
        return new CardSettings(c.defaultPercent(), c.minUnits(), c.minPurchases(), c.minVisits(), c.minAmount(),
                c.autoEnrol(), c.currency().getCurrencyCode(), defaultPeriods(stored));
    }

    /** The stored key of the default percentage configured from a date on (CC-10). */
    static String defaultPercentFrom(LocalDate from) {
        return DEFAULT_PERCENT_FROM + from;
    }

    /** Whether a stored setting is a period of the default percentage, kept when the program is configured again. */
    static boolean isDefaultPeriod(String name) {
        return name.startsWith(DEFAULT_PERCENT_FROM);
    }

    /** The periods of the default percentage as stored, checked as a new default percentage is. */
    private static List<CardDefaultPeriod> defaultPeriods(Map<String, String> stored) {
        List<CardDefaultPeriod> periods = new ArrayList<>();
        for (Map.Entry<String, String> e : stored.entrySet()) {
            if (!isDefaultPeriod(e.getKey())) {
                continue;
            }
            periods.add(period(e.getKey(), e.getValue()).orElseThrow(() -> new InvalidValueException(
                    "the customer-card settings in force are not valid: " + e.getKey() + " is '" + e.getValue()
                    + "', which is not a valid value; configure the program again")));
        }
        return periods;
    }

    /** A stored period of the default percentage, or empty when its date or percentage is not valid. */
    static Optional<CardDefaultPeriod> period(String name, String value) {
        try {
            return Optional.of(new CardDefaultPeriod(LocalDate.parse(name.substring(DEFAULT_PERCENT_FROM.length())),
                    Configure.percent(value).defaultPercent()));
        } catch (RuntimeException bad) {
            return Optional.empty();
        }
    }

    /** One settings read: the stored value of a name, else the version's default. */
    private static final class Setting {
        private final Map<String, String> stored;
        private final Map<String, String> defaults;
        private final RuleSetVersion version;
        private boolean usedDefault;

        Setting(Map<String, String> stored, Map<String, String> defaults, RuleSetVersion version) {
            this.stored = stored;
            this.defaults = defaults;
            this.version = version;
        }

        <T> T required(String name, Function<String, T> parse) {
            T value = optional(name, parse);
            if (value == null) {
                throw new InvalidValueException("rule set " + version.ruleSet() + " v" + version.version()
                        + " gives no default for the customer-card setting " + name + ": add setting." + name
                        + "=<value> to its ruleset.properties, or configure the program");
            }
            return value;
        }

        <T> T optional(String name, Function<String, T> parse) {
            String value = stored.get(name);
            if (value == null) {
                value = defaults.get(name);
                if (value == null) {
                    return null;
                }
                usedDefault = true;
            }
            try {
                return parse.apply(value);
            } catch (RuntimeException e) {
                throw new InvalidValueException(name + " is '" + value + "', which is not a valid value");
            }
        }
    }
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Money;

/**
 * The savings-points settings of a travel agency (seed 001's application parameters), passed to the
 * {@code savings-points} rules as one fact and stored as the program's named settings. A null
 * number means the setting is left empty.
 *
 * @param currency                  the agency's currency; bookings and payments must use it
 * @param rate                      global points per unit of service price ("Koers voor spaarpunten", 0.20 = 20 per 100)
 * @param baseAmount                a service line earns only from this amount on ("Basisbedrag")
 * @param roundingFactor            points round down to a multiple of it ("Afronding", 10: 136 -> 130)
 * @param negativePointsAllowed     negative points on a service line are accepted ("Ingave negatieve spaarpunten")
 * @param recalculateOnPriceChange  a price change rewrites the line's points ("Spaarpunten actualiseren")
 * @param paymentType               the dedicated customer payment type for points ("Spaarpunten betalingstype")
 * @param pointsMinimum             a points payment needs MORE than this many spendable points ("Spaarpunten minimum")
 * @param paymentMinimum            a points payment needs at least this booking price ("Spaarpunten betalingsminimum")
 * @param paymentMaximumPercent     at most this % of the booking price in points; empty: no cap ("betalingsmaximum")
 * @param settleOnlyInEarningDossier points pay only a booking that earned points ("Spaarpunten verrekening")
 * @param directlyAvailable         points are spendable in the year earned ("Spaarpunten direct beschikbaar")
 * @param expiryEnabled             the year-end expiry runs ("Spaarpunten vervallen")
 * @param pointValue                money one point is worth when paying (the points currency's exchange rate)
 * @param ownCurrencyAllowed        the rate or the points of a points payment may be given at payment time (the
 *                                  seed's "Geen eigen valuta mogelijk" switched off, SPEC SP-21)
 * @param liabilityAccount          bookkeeping account of the points (the seed's own points account)
 * @param expenseAccount            bookkeeping account charged when points are granted
 * @param receivableAccount         bookkeeping account of customer receivables, credited by a points payment
 * @param expiryRevenueAccount      bookkeeping account credited when points expire
 */
public record PointsSettings(String currency, BigDecimal rate, BigDecimal baseAmount, BigDecimal roundingFactor,
                             boolean negativePointsAllowed, boolean recalculateOnPriceChange, String paymentType,
                             BigDecimal pointsMinimum, BigDecimal paymentMinimum, BigDecimal paymentMaximumPercent,
                             boolean settleOnlyInEarningDossier, boolean directlyAvailable, boolean expiryEnabled,
                             BigDecimal pointValue, boolean ownCurrencyAllowed, String liabilityAccount, String expenseAccount,
                             String receivableAccount, String expiryRevenueAccount) {
    /** The stored setting that says who changed the settings last, and when; not a setting itself. */
    public static final String CHANGED_BY = "changedBy";
    /** The highest earning rate: 1,000 points per unit of price (the seed's example is 0.20). */
    public static final BigDecimal MAX_RATE = new BigDecimal("1000");
    /** The highest money amount or points figure a threshold may name. */
    public static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000");
    /** The largest rounding factor ("Afronding"; the seed's example is 10). */
    public static final BigDecimal MAX_ROUNDING_FACTOR = new BigDecimal("1000000");
    /** The most one point may be worth when paying. */
    public static final BigDecimal MAX_POINT_VALUE = new BigDecimal("10000");

    public PointsSettings {
        Money.currency(currency);
        nonNegative(rate, "rate");
        nonNegative(baseAmount, "baseAmount");
        if (roundingFactor != null) {
            Checks.positive(roundingFactor, "roundingFactor");
        }
        paymentType = Checks.optionalText(paymentType, "paymentType", 64);
        nonNegative(pointsMinimum, "pointsMinimum");
        nonNegative(paymentMinimum, "paymentMinimum");
        if (paymentMaximumPercent != null) {
            Checks.percent(paymentMaximumPercent, "paymentMaximumPercent");
        }
        Checks.positive(pointValue, "pointValue");
        // Sane ranges: far beyond any agency's figures, so that a typing error (a rate of 2000
        // points per euro, a point worth a million) is refused instead of minting points.
        atMost(rate, "rate", MAX_RATE);
        atMost(baseAmount, "baseAmount", MAX_AMOUNT);
        atMost(roundingFactor, "roundingFactor", MAX_ROUNDING_FACTOR);
        atMost(pointsMinimum, "pointsMinimum", MAX_AMOUNT);
        atMost(paymentMinimum, "paymentMinimum", MAX_AMOUNT);
        atMost(pointValue, "pointValue", MAX_POINT_VALUE);
        liabilityAccount = Checks.optionalText(liabilityAccount, "liabilityAccount", 64);
        expenseAccount = Checks.optionalText(expenseAccount, "expenseAccount", 64);
        receivableAccount = Checks.optionalText(receivableAccount, "receivableAccount", 64);
        expiryRevenueAccount = Checks.optionalText(expiryRevenueAccount, "expiryRevenueAccount", 64);
    }

    /**
     * A full set of settings to configure from: EUR, no rates, every switch off, one point worth 1.00, no
     * accounts ({@code PointsSettings.defaults().with(...)} names every setting at once). What a program never
     * configured works with is not this but the defaults of the rule-set version in force (the
     * {@code setting.<name>} lines of its {@code ruleset.properties}, see {@link #inForce}).
     */
    public static PointsSettings defaults() {
        return fromMap(Map.of());
    }

    /** The names of the settings, as stored and as {@code setting.<name>} in a rule set's manifest. */
    public static java.util.SortedSet<String> names() {
        return java.util.Collections.unmodifiableSortedSet(NAMES);
    }

    /**
     * The settings in force: the stored ones, or for a program never configured the defaults of the rule-set
     * version in force, which must name every setting (an empty value leaves it empty), so that no default
     * is decided anywhere but in the manifest.
     *
     * @param stored   the program's stored settings (empty when never configured)
     * @param defaults the version's {@code setting.<name>} values
     * @param version  the version, named in the error when its manifest leaves a setting out
     * @throws InvalidValueException naming the setting when a value is not a number or not a switch, or a
     *                               default is missing
     */
    public static PointsSettings inForce(Map<String, String> stored, Map<String, String> defaults, String version) {
        // Any stored name but the changer's counts, an unknown one too, so that fromMap refuses it.
        boolean configured = stored.keySet().stream().anyMatch(name -> !name.equals(CHANGED_BY));
        if (configured) {
            return fromMap(stored);
        }
        for (String name : NAMES) {
            if (!defaults.containsKey(name)) {
                throw new InvalidValueException("rule set " + version + " gives no default for the savings-points "
                        + "setting " + name + ": add setting." + name + "=<value> (or nothing, to leave it empty) to "
                        + "its ruleset.properties, or configure the program");
            }
        }
        Map<String, String> m = new TreeMap<>();
        NAMES.forEach(name -> m.put(name, defaults.get(name)));
        return fromMap(m);
    }

    /** The settings as stored (only the ones set), keyed by the component names. */
    public Map<String, String> toMap() {
        Map<String, String> m = new TreeMap<>();
        m.put("currency", currency);
        put(m, "rate", rate);
        put(m, "baseAmount", baseAmount);
        put(m, "roundingFactor", roundingFactor);
        m.put("negativePointsAllowed", Boolean.toString(negativePointsAllowed));
        m.put("recalculateOnPriceChange", Boolean.toString(recalculateOnPriceChange));
        put(m, "paymentType", paymentType);
        put(m, "pointsMinimum", pointsMinimum);
        put(m, "paymentMinimum", paymentMinimum);
        put(m, "paymentMaximumPercent", paymentMaximumPercent);
        m.put("settleOnlyInEarningDossier", Boolean.toString(settleOnlyInEarningDossier));
        m.put("directlyAvailable", Boolean.toString(directlyAvailable));
        m.put("expiryEnabled", Boolean.toString(expiryEnabled));
        put(m, "pointValue", pointValue);
        m.put("ownCurrencyAllowed", Boolean.toString(ownCurrencyAllowed));
        put(m, "liabilityAccount", liabilityAccount);
        put(m, "expenseAccount", expenseAccount);
        put(m, "receivableAccount", receivableAccount);
        put(m, "expiryRevenueAccount", expiryRevenueAccount);
        return m;
    }

    /**
     * Reads stored settings; missing names take their defaults, an empty value empties a setting.
     *
     * @throws InvalidValueException naming the setting when a value is not a number or not a switch
     */
    public static PointsSettings fromMap(Map<String, String> m) {
        for (String name : m.keySet()) {
            if (!NAMES.contains(name) && !name.equals(CHANGED_BY)) {
                throw new InvalidValueException("unknown savings-points setting '" + name + "'; known: " + NAMES);
            }
        }
        Function<String, BigDecimal> num = n -> number(m.get(n), n);
        Function<String, Boolean> flag = n -> flag(m.get(n), n);
        Function<String, String> text = n -> m.get(n) == null || m.get(n).isBlank() ? null : m.get(n);
        return new PointsSettings(m.getOrDefault("currency", "EUR"), num.apply("rate"), num.apply("baseAmount"),
                num.apply("roundingFactor"), flag.apply("negativePointsAllowed"), flag.apply("recalculateOnPriceChange"),
                text.apply("paymentType"), num.apply("pointsMinimum"), num.apply("paymentMinimum"),
                num.apply("paymentMaximumPercent"), flag.apply("settleOnlyInEarningDossier"),
                flag.apply("directlyAvailable"), flag.apply("expiryEnabled"),
                m.containsKey("pointValue") ? num.apply("pointValue") : BigDecimal.ONE, flag.apply("ownCurrencyAllowed"),
                text.apply("liabilityAccount"),
                text.apply("expenseAccount"), text.apply("receivableAccount"), text.apply("expiryRevenueAccount"));
    }

    /** These settings with some changed, by name (e.g. {@code with(Map.of("rate", "0.20"))}). */
    public PointsSettings with(Map<String, String> changes) {
        Map<String, String> m = new TreeMap<>(toMap());
        m.putAll(changes);
        return fromMap(m);
    }

    private static final java.util.SortedSet<String> NAMES = new java.util.TreeSet<>(java.util.Set.of("currency",
            "rate", "baseAmount", "roundingFactor", "negativePointsAllowed", "recalculateOnPriceChange", "paymentType",
            "pointsMinimum", "paymentMinimum", "paymentMaximumPercent", "settleOnlyInEarningDossier",
            "directlyAvailable", "expiryEnabled", "pointValue", "ownCurrencyAllowed", "liabilityAccount", "expenseAccount",
            "receivableAccount", "expiryRevenueAccount"));

    private static void put(Map<String, String> m, String name, Object value) {
        if (value != null) {
            m.put(name, value instanceof BigDecimal b ? b.toPlainString() : value.toString());
        }
    }

    private static BigDecimal number(String value, String name) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidValueException("savings-points setting '" + name + "' must be a number, was '" + value + "'");
        }
    }

    private static boolean flag(String value, String name) {
        if (value == null || value.isBlank() || value.equalsIgnoreCase("false")) {
            return false;
        }
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidValueException("savings-points setting '" + name + "' must be true or false, was '" + value + "'");
    }

    private static void atMost(BigDecimal value, String name, BigDecimal max) {
        if (value != null && value.compareTo(max) > 0) {
            throw new InvalidValueException("savings-points setting '" + name + "' must be at most "
                    + max.toPlainString() + ", was " + value.toPlainString());
        }
    }

    private static void nonNegative(BigDecimal value, String name) {
        if (value != null) {
            Checks.nonNegative(value, name);
        }
    }
}

package org.loyaltyengine.points;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.Money;

/** The requests a travel-agency host sends to {@link SavingsPoints}; each validates itself on construction. */
public final class PointsRequests {
    private PointsRequests() {
    }

    /**
     * Changes some of the agency's points settings (seed 001's application parameters) and keeps the others:
     * one setting ({@code Configure.set(Setting.RATE, new BigDecimal("0.20"))}) or several
     * ({@code .and(Setting.PAYMENT_TYPE, "SPAARPUNTEN")}). Values are as the settings store them: a number,
     * {@code true} or {@code false}, a text; an emptied setting ({@link #clear}) is left empty, as the seed's
     * parameters may be (no rate, no payment cap, no payment type). Each value is checked here with the
     * checks and ranges of {@link PointsSettings}, the fact the rules see, so a bad one is refused before a
     * command is sent, with a message naming the setting.
     *
     * @param changes the settings to change and their new values, at least one
     */
    public record Configure(SortedMap<Setting, String> changes) {
        /** The savings-points settings, by the name each is stored under (see {@link PointsSettings}). */
        public enum Setting {
            CURRENCY("currency", Kind.TEXT), RATE("rate", Kind.NUMBER), BASE_AMOUNT("baseAmount", Kind.NUMBER),
            ROUNDING_FACTOR("roundingFactor", Kind.NUMBER),
            NEGATIVE_POINTS_ALLOWED("negativePointsAllowed", Kind.SWITCH),
            RECALCULATE_ON_PRICE_CHANGE("recalculateOnPriceChange", Kind.SWITCH),
            PAYMENT_TYPE("paymentType", Kind.TEXT), POINTS_MINIMUM("pointsMinimum", Kind.NUMBER),
            PAYMENT_MINIMUM("paymentMinimum", Kind.NUMBER),
            PAYMENT_MAXIMUM_PERCENT("paymentMaximumPercent", Kind.NUMBER),
            SETTLE_ONLY_IN_EARNING_DOSSIER("settleOnlyInEarningDossier", Kind.SWITCH),
            DIRECTLY_AVAILABLE("directlyAvailable", Kind.SWITCH), EXPIRY_ENABLED("expiryEnabled", Kind.SWITCH),
            POINT_VALUE("pointValue", Kind.NUMBER), OWN_CURRENCY_ALLOWED("ownCurrencyAllowed", Kind.SWITCH),
            LIABILITY_ACCOUNT("liabilityAccount", Kind.TEXT),
            EXPENSE_ACCOUNT("expenseAccount", Kind.TEXT), RECEIVABLE_ACCOUNT("receivableAccount", Kind.TEXT),
            EXPIRY_REVENUE_ACCOUNT("expiryRevenueAccount", Kind.TEXT);

            enum Kind { NUMBER, SWITCH, TEXT }

            private final String key;
            private final Kind kind;

            Setting(String key, Kind kind) {
                this.key = key;
                this.kind = kind;
            }

            /** The name the setting is stored under, and the {@link PointsSettings} component it sets. */
            public String key() {
                return key;
            }

            /** The setting stored under {@code key}. */
            public static Setting named(String key) {
                for (Setting s : values()) {
                    if (s.key.equals(key)) {
                        return s;
                    }
                }
                throw new InvalidValueException("unknown savings-points setting '" + key + "'; known: "
                        + Arrays.stream(values()).map(Setting::key).sorted().toList());
            }

            /** Neither may be left empty: every amount is in the currency, every payment valued at the point value. */
            private boolean required() {
                return this == CURRENCY || this == POINT_VALUE;
            }
        }

        public Configure {
            Checks.notNull(changes, "settings to change");
            TreeMap<Setting, String> copy = new TreeMap<>();
            // Read as plain objects: a map built past the compiler's checks must fail typed, not with a cast.
            for (Map.Entry<?, ?> change : ((Map<?, ?>) changes).entrySet()) {
                if (!(change.getKey() instanceof Setting setting)) {
                    throw new InvalidValueException("a setting to change is a Configure.Setting, was "
                            + (change.getKey() == null ? "null" : change.getKey().getClass().getSimpleName()));
                }
                String key = setting.key();
                if (!(change.getValue() instanceof String value)) {
                    throw new InvalidValueException("savings-points setting '" + key
                            + "' needs its value as text (an empty one leaves it empty), was "
                            + (change.getValue() == null ? "null" : change.getValue().getClass().getSimpleName()));
                }
                if (setting.required() && value.isBlank()) {
                    throw new InvalidValueException("savings-points setting '" + key + "' cannot be left empty");
                }
                copy.put(setting, value);
            }
            if (copy.isEmpty()) {
                throw new InvalidValueException("a configuration changes at least one savings-points setting");
            }
            changes = Collections.unmodifiableSortedMap(copy);
            // Read as the rules will read them: one set of checks, ranges and messages for every path.
            PointsSettings.defaults().with(byName(changes));
        }

        /** Changes one setting to {@code value}, as stored: a number, {@code true}/{@code false} or a text. */
        public static Configure set(Setting setting, String value) {
            TreeMap<Setting, String> one = new TreeMap<>();
            one.put(Checks.notNull(setting, "setting"), value);
            return new Configure(one);
        }

        /** Changes a number setting (a rate, an amount, a percentage, the point value). */
        public static Configure set(Setting setting, BigDecimal value) {
            return set(setting, number(setting, value));
        }

        /** Turns a switch on or off. */
        public static Configure set(Setting setting, boolean on) {
            return set(setting, flag(setting, on));
        }

        /** Leaves a setting empty (no rate, no base amount, no payment cap, no payment type, no account). */
        public static Configure clear(Setting setting) {
            return set(setting, "");
        }

        /** These changes and one more (a later change of the same setting wins). */
        public Configure and(Setting setting, String value) {
            TreeMap<Setting, String> more = new TreeMap<>(changes);
            more.put(Checks.notNull(setting, "setting"), value);
            return new Configure(more);
        }

        public Configure and(Setting setting, BigDecimal value) {
            return and(setting, number(setting, value));
        }

        public Configure and(Setting setting, boolean on) {
            return and(setting, flag(setting, on));
        }

        public Configure andClear(Setting setting) {
            return and(setting, "");
        }

        /**
         * Changes settings given by their stored names ({@code Map.of("rate", "0.20")}), for hosts that keep
         * the seed's parameters as name and value.
         */
        public static Configure of(Map<String, String> byName) {
            Checks.notNull(byName, "settings to change");
            TreeMap<Setting, String> changes = new TreeMap<>();
            byName.forEach((name, value) -> changes.put(Setting.named(name), value));
            return new Configure(changes);
        }

        /** Every setting as {@code settings} has it, empty ones emptied: the settings replaced as a whole. */
        public static Configure all(PointsSettings settings) {
            Map<String, String> stored = Checks.notNull(settings, "settings").toMap();
            TreeMap<Setting, String> every = new TreeMap<>();
            for (Setting s : Setting.values()) {
                every.put(s, stored.getOrDefault(s.key(), ""));
            }
            return new Configure(every);
        }

        /** Whether this request changes {@code setting}. */
        public boolean changes(Setting setting) {
            return changes.containsKey(setting);
        }

        /** The changes by their stored names, as {@link PointsSettings#with} takes them. */
        public Map<String, String> byName() {
            return byName(changes);
        }

        private static Map<String, String> byName(SortedMap<Setting, String> changes) {
            Map<String, String> m = new LinkedHashMap<>();
            changes.forEach((s, v) -> m.put(s.key(), v));
            return m;
        }

        private static String number(Setting setting, BigDecimal value) {
            if (Checks.notNull(setting, "setting").kind != Setting.Kind.NUMBER) {
                throw new InvalidValueException("savings-points setting '" + setting.key() + "' is not a number");
            }
            // Held to the stores' digits first: a plain form of 1E+2147483647 would not fit in memory.
            return Checks.decimal(value, "savings-points setting '" + setting.key() + "' (clear() leaves it empty)")
                    .toPlainString();
        }

        private static String flag(Setting setting, boolean on) {
            if (Checks.notNull(setting, "setting").kind != Setting.Kind.SWITCH) {
                throw new InvalidValueException("savings-points setting '" + setting.key() + "' is not a switch");
            }
            return Boolean.toString(on);
        }
    }

    /**
     * A supplier as the points program knows it (seed: "Basisgegevens - Touroperator"): enabled for points or not,
     * an own rate that beats the global one, and a calculation structure per product type that beats both. A
     * supplier may be one of a {@link TourOperator}'s ({@code tourOperator}, SPEC SP-20): it then shares the tour
     * operator's settings, and what it sets itself takes precedence over them (the rules decide it,
     * {@code rules/savings-points/v1/tour-operators.drl} and {@code earning.drl}).
     *
     * @param enabled      whether the supplier earns points; null: as its tour operator (only with one)
     * @param rate         its own rate, or null (its tour operator's, else the global one)
     * @param tourOperator the code of the tour operator it belongs to, or null
     */
    public record Supplier(String code, Boolean enabled, BigDecimal rate, SortedMap<String, BigDecimal> productRates,
                           String tourOperator) {
        public Supplier {
            Checks.identifier(code, "supplier code", Limits.IDENTIFIER);
            if (rate != null) {
                Checks.nonNegative(rate, "supplier rate");
                atMost(rate, "supplier rate", PointsSettings.MAX_RATE);
            }
            productRates = rates(productRates, "rate of product type ");
            tourOperator = Checks.optionalIdentifier(tourOperator, "tour operator", Limits.IDENTIFIER);
            if (enabled == null && tourOperator == null) {
                throw new InvalidValueException("supplier " + code + " belongs to no tour operator, so it says itself"
                        + " whether it earns points (enabled true or false)");
            }
        }

        /** A supplier of no tour operator, enabled or not, with its own rate and structure (either may be null). */
        public Supplier(String code, boolean enabled, BigDecimal rate, SortedMap<String, BigDecimal> productRates) {
            this(code, Boolean.valueOf(enabled), rate, productRates, null);
        }

        public static Supplier enabled(String code) {
            return new Supplier(code, true, null, null);
        }

        /** A supplier of {@code tourOperator} that shares all its settings until it sets its own. */
        public static Supplier of(String code, String tourOperator) {
            return new Supplier(code, null, null, null, Checks.identifier(tourOperator, "tour operator",
                    Limits.IDENTIFIER));
        }

        public Supplier withRate(String newRate) {
            return new Supplier(code, enabled, Checks.parseDecimal(newRate, "supplier rate"), productRates,
                    tourOperator);
        }

        public Supplier withProductRate(String productType, String productRate) {
            TreeMap<String, BigDecimal> m = new TreeMap<>(productRates);
            m.put(Checks.identifier(productType, "product type", Limits.IDENTIFIER),
                    Checks.parseDecimal(productRate, "rate of product type " + productType));
            return new Supplier(code, enabled, rate, m, tourOperator);
        }

        /** This supplier switched on or off for points itself, whatever its tour operator says. */
        public Supplier withEnabled(boolean on) {
            return new Supplier(code, on, rate, productRates, tourOperator);
        }
    }

    /**
     * A tour operator whose suppliers share its settings (seed: points "voor een bepaalde touroperator gezamenlijk
     * ingesteld", SPEC SP-20): whether they earn points, a rate and a calculation structure per product type.
     * A supplier names it ({@link Supplier#tourOperator}); what the supplier sets itself takes precedence.
     */
    public record TourOperator(String code, boolean enabled, BigDecimal rate,
                               SortedMap<String, BigDecimal> productRates) {
        public TourOperator {
            Checks.identifier(code, "tour operator code", Limits.IDENTIFIER);
            if (rate != null) {
                Checks.nonNegative(rate, "tour operator rate");
                atMost(rate, "tour operator rate", PointsSettings.MAX_RATE);
            }
            productRates = rates(productRates, "tour operator rate of product type ");
        }

        public static TourOperator enabled(String code) {
            return new TourOperator(code, true, null, null);
        }

        public TourOperator withRate(String newRate) {
            return new TourOperator(code, enabled, Checks.parseDecimal(newRate, "tour operator rate"), productRates);
        }

        public TourOperator withProductRate(String productType, String productRate) {
            TreeMap<String, BigDecimal> m = new TreeMap<>(productRates);
            m.put(Checks.identifier(productType, "product type", Limits.IDENTIFIER),
                    Checks.parseDecimal(productRate, "tour operator rate of product type " + productType));
            return new TourOperator(code, enabled, rate, m);
        }
    }

    private static SortedMap<String, BigDecimal> rates(SortedMap<String, BigDecimal> given, String what) {
        TreeMap<String, BigDecimal> copy = new TreeMap<>();
        if (given != null) {
            // Read as plain objects: a map built past the compiler's checks must fail typed, not with a cast.
            for (Map.Entry<?, ?> e : ((Map<?, ?>) given).entrySet()) {
                if (!(e.getKey() instanceof String type) || !(e.getValue() instanceof BigDecimal r)) {
                    throw new InvalidValueException(what.trim() + ": a product type and its rate, was "
                            + e.getKey() + "=" + e.getValue());
                }
                Checks.identifier(type, "product type", Limits.IDENTIFIER);
                Checks.nonNegative(r, what + type);
                atMost(r, what + type, PointsSettings.MAX_RATE);
                copy.put(type, r);
            }
        }
        return Collections.unmodifiableSortedMap(copy);
    }

    private static void atMost(BigDecimal value, String what, BigDecimal max) {
        if (value.compareTo(max) > 0) {
            throw new InvalidValueException(what + " must be at most " + max.toPlainString() + ", was "
                    + value.toPlainString());
        }
    }

    /**
     * A service line of a booking: a supplier's product of some type at a price. {@code points} is a figure the
     * clerk typed in the points column (null: computed from the price).
     */
    public record Service(String lineId, String supplier, String productType, Money price, BigDecimal points) {
        public Service {
            Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
            Checks.identifier(supplier, "supplier", Limits.IDENTIFIER);
            Checks.identifier(productType, "product type", Limits.IDENTIFIER);
            Checks.notNull(price, "price");
            Checks.optionalDecimal(points, "points of line " + lineId);
            if (points != null && points.stripTrailingZeros().scale() > 2) {
                throw new InvalidValueException("points carry 2 decimals, was " + points.toPlainString());
            }
        }

        public static Service of(String lineId, String supplier, String productType, Money price) {
            return new Service(lineId, supplier, productType, price, null);
        }
    }

    /** A booking (dossier) of a customer with its service lines, all priced in one currency. */
    public record Booking(String bookingId, String customerId, List<Service> services) {
        public Booking {
            Checks.identifier(bookingId, "booking id", Limits.IDENTIFIER);
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
            services = Checks.list(services, "services");
            if (services.isEmpty()) {
                throw new InvalidValueException("booking " + bookingId + " needs at least one service line");
            }
            HashSet<String> ids = new HashSet<>();
            for (Service s : services) {
                if (!ids.add(s.lineId())) {
                    throw new InvalidValueException("booking " + bookingId + " has line id " + s.lineId() + " twice");
                }
                if (!s.price().currency().equals(services.get(0).price().currency())) {
                    throw CurrencyMismatchException.of("line " + s.lineId(), s.price().currency().getCurrencyCode(),
                            "line " + services.get(0).lineId() + " of booking " + bookingId,
                            services.get(0).price().currency().getCurrencyCode(), "price all lines in one currency");
                }
            }
        }

        public static Booking of(String bookingId, String customerId, Service... services) {
            return new Booking(bookingId, customerId, services == null ? null : java.util.Arrays.asList(services));
        }

        public String currency() {
            return services.get(0).price().currency().getCurrencyCode();
        }
    }

    /** A new price of one service line. */
    public record PriceChange(String bookingId, String lineId, Money newPrice) {
        public PriceChange {
            Checks.identifier(bookingId, "booking id", Limits.IDENTIFIER);
            Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
            Checks.notNull(newPrice, "new price");
        }
    }

    /**
     * Part of a booking's price paid with points, in money (SPEC SP-8, SP-15). The points it takes follow from the
     * stored point value; with own currency allowed (setting {@code ownCurrencyAllowed}, the seed's "Geen eigen
     * valuta mogelijk" switched off, SPEC SP-21) the clerk may give instead the rate of this payment
     * ({@code pointValue}: the points it takes are the amount at that rate, rounded up) or the points it takes
     * ({@code points}: the rate is what they imply), the seed's editable fields "Koers" and "VV". Without the
     * setting either is refused ({@code OWN_CURRENCY_NOT_ALLOWED}).
     *
     * @param pointValue what one point pays in this payment, or null (the stored point value)
     * @param points     the points this payment takes, or null (the amount at the point value)
     */
    public record PointsPayment(String bookingId, Money amount, BigDecimal pointValue, BigDecimal points) {
        public PointsPayment {
            Checks.identifier(bookingId, "booking id", Limits.IDENTIFIER);
            positive(amount, "points payment");
            if (pointValue != null && points != null) {
                throw new InvalidValueException("a points payment gives the rate or the points, not both: the other"
                        + " follows from the amount");
            }
            if (pointValue != null) {
                Checks.positive(pointValue, "point value of the payment");
                atMost(pointValue, "point value of the payment", PointsSettings.MAX_POINT_VALUE);
            }
            if (points != null) {
                Checks.positive(points, "points of the payment");
                if (points.stripTrailingZeros().scale() > 2) {
                    throw new InvalidValueException("points carry 2 decimals, was " + points.toPlainString());
                }
                // Bounded like a stored point value: a point that pays more than that is a typing error.
                if (points.multiply(PointsSettings.MAX_POINT_VALUE).compareTo(amount.amount()) < 0) {
                    throw new InvalidValueException(points.toPlainString() + " points cannot pay "
                            + amount.amount().toPlainString() + ": a point pays at most "
                            + PointsSettings.MAX_POINT_VALUE.toPlainString());
                }
            }
        }

        /** A payment at the stored point value. */
        public PointsPayment(String bookingId, Money amount) {
            this(bookingId, amount, null, null);
        }

        /** A payment at its own rate: {@code pointValue} is what one point pays in it (SPEC SP-21). */
        public static PointsPayment atRate(String bookingId, Money amount, BigDecimal pointValue) {
            return new PointsPayment(bookingId, amount, Checks.notNull(pointValue, "point value of the payment"), null);
        }

        /** A payment that takes the points given for the amount (SPEC SP-21). */
        public static PointsPayment ofPoints(String bookingId, Money amount, BigDecimal points) {
            return new PointsPayment(bookingId, amount, null, Checks.notNull(points, "points of the payment"));
        }
    }

    /** Part of a booking's price paid in money with one of the agency's customer payment types. */
    public record MoneyPayment(String bookingId, String paymentType, Money amount) {
        public MoneyPayment {
            Checks.identifier(bookingId, "booking id", Limits.IDENTIFIER);
            Checks.identifier(paymentType, "payment type", Limits.IDENTIFIER);
            positive(amount, "payment");
        }
    }

    /** Cancels one service line ({@code lineId}) or, with {@code lineId} null, the whole booking. */
    public record Cancellation(String bookingId, String lineId) {
        public Cancellation {
            Checks.identifier(bookingId, "booking id", Limits.IDENTIFIER);
            lineId = Checks.optionalIdentifier(Checks.optionalText(lineId, "line id", Limits.IDENTIFIER), "line id",
                    Limits.IDENTIFIER);
        }

        public static Cancellation ofBooking(String bookingId) {
            return new Cancellation(bookingId, null);
        }

        public static Cancellation ofLine(String bookingId, String lineId) {
            return new Cancellation(bookingId, Checks.identifier(lineId, "line id", Limits.IDENTIFIER));
        }
    }

    /** Points entered by hand for a customer (positive or negative), with the note the program requires. */
    public record ManualEntry(String customerId, BigDecimal points, String note) {
        public ManualEntry {
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
            Checks.decimal(points, "points");
            if (points.signum() == 0) {
                throw new InvalidValueException("a manual points entry must not be zero");
            }
            if (points.stripTrailingZeros().scale() > 2) {
                throw new InvalidValueException("points carry 2 decimals, was " + points);
            }
            Checks.requiredMultiLine(note, "note", Limits.NOTE);
        }
    }

    /** Whether a customer takes part in the savings plan (seed: "Geen spaarpunten" on the customer). */
    public record Participation(String customerId, boolean takesPart) {
        public Participation {
            Checks.identifier(customerId, "customer id", Limits.IDENTIFIER);
        }
    }

    /** The year-end expiry run for the year that closes. */
    public record ExpireYear(int year) {
        public ExpireYear {
            if (year < Limits.EARLIEST_DATE.getYear() || year > Limits.LATEST_DATE.getYear()) {
                throw new InvalidValueException("year must be from " + Limits.EARLIEST_DATE.getYear() + " to "
                        + Limits.LATEST_DATE.getYear() + ", the business dates a store accepts, was " + year);
            }
        }
    }

    private static void positive(Money amount, String what) {
        Checks.notNull(amount, what + " amount");
        if (!amount.isPositive()) {
            throw new InvalidValueException(what + " must be greater than zero, was " + amount);
        }
    }
}

package org.loyaltyengine.points;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

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
     * A tour operator (supplier) as the points program knows it (seed: "Basisgegevens - Touroperator"): enabled
     * for points or not, an own rate that beats the global one, and a calculation structure per product type
     * that beats both.
     */
    public record Supplier(String code, boolean enabled, BigDecimal rate, SortedMap<String, BigDecimal> productRates) {
        public Supplier {
            Checks.identifier(code, "supplier code", Limits.IDENTIFIER);
            if (rate != null) {
                Checks.nonNegative(rate, "supplier rate");
            }
            TreeMap<String, BigDecimal> copy = new TreeMap<>();
            if (productRates != null) {
                productRates.forEach((type, r) -> copy.put(Checks.identifier(type, "product type", Limits.IDENTIFIER),
                        Checks.nonNegative(r, "rate of product type " + type)));
            }
            productRates = Collections.unmodifiableSortedMap(copy);
        }

        public static Supplier enabled(String code) {
            return new Supplier(code, true, null, null);
        }

        public Supplier withRate(String newRate) {
            return new Supplier(code, enabled, Checks.parseDecimal(newRate, "supplier rate"), productRates);
        }

        public Supplier withProductRate(String productType, String productRate) {
            TreeMap<String, BigDecimal> m = new TreeMap<>(productRates);
            m.put(Checks.identifier(productType, "product type", Limits.IDENTIFIER),
                    Checks.parseDecimal(productRate, "rate of product type " + productType));
            return new Supplier(code, enabled, rate, m);
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
                    throw new CurrencyMismatchException("booking " + bookingId + " mixes " + s.price().currency()
                            + " and " + services.get(0).price().currency() + "; price all lines in one currency");
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

    /** Part of a booking's price paid with points, in money (the points it takes follow from the point value). */
    public record PointsPayment(String bookingId, Money amount) {
        public PointsPayment {
            Checks.identifier(bookingId, "booking id", Limits.IDENTIFIER);
            positive(amount, "points payment");
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

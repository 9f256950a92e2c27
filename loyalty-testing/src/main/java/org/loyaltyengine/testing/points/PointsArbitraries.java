package org.loyaltyengine.testing.points;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import org.loyaltyengine.points.PointsRequests.Booking;
import org.loyaltyengine.points.PointsRequests.Service;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.testing.LoyaltyArbitraries;

/**
 * jqwik generators of savings points commands and settings, in EUR, from the engine's savings points
 * properties: bookings of one to three services, earning rates and point values that do not divide
 * evenly, so rounding shows.
 */
public final class PointsArbitraries {
    private PointsArbitraries() {
    }

    /** Amounts in cents, as {@link LoyaltyArbitraries#cents()}: zero and credits included. */
    public static Arbitrary<Long> cents() {
        return LoyaltyArbitraries.cents();
    }

    /** An earning rate (the {@code rate} setting). */
    public static Arbitrary<String> rates() {
        return Arbitraries.of("0.20", "0.33", "1.00");
    }

    /** What a point is worth when paying with it (the {@code pointValue} setting). */
    public static Arbitrary<String> pointValues() {
        return Arbitraries.of("0.30", "1.00", "2.50", "0.07");
    }

    /** A service on line {@code lineId} from {@code supplier}, a package of up to 800.00, its points by the rules. */
    public static Arbitrary<Service> services(String lineId, String supplier) {
        return LoyaltyArbitraries.money("EUR", 80_000).map(price -> new Service(lineId, supplier, "package", price, null));
    }

    /** A booking {@code bookingId} of {@code customerId}, of one to three services from {@code supplier}. */
    public static Arbitrary<Booking> bookings(String bookingId, String customerId, String supplier) {
        return Arbitraries.integers().between(1, 3).flatMap(n -> {
            List<Arbitrary<Service>> services = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                services.add(services(Integer.toString(i), supplier));
            }
            return Combinators.combine(services).as(s -> new Booking(bookingId, customerId, s));
        });
    }

    /** An amount to pay on a booking, in EUR, up to 800.00. */
    public static Arbitrary<Money> payments() {
        return LoyaltyArbitraries.money("EUR", 80_000);
    }

    /** The points of a manual entry: a positive or negative number of points, never zero. */
    public static Arbitrary<BigDecimal> manualPoints() {
        return cents().filter(c -> c != 0).map(c -> BigDecimal.valueOf(c, 2));
    }

    /** What one step of a returns sequence does ({@link #returnSteps()}). */
    public enum ReturnKind {
        BOOK, PAY_POINTS, PAY_POINTS_OWN_RATE, PAY_POINTS_OWN_POINTS, PAY_MONEY, PRICE_CHANGE, CANCEL_LINE,
        CANCEL_BOOKING, CANCEL_AGAIN, YEAR_END
    }

    /**
     * One step of a returns sequence (SPEC X-13): its kind, which booking (0 the latest, 1 the one before ...),
     * which line, an amount in cents (a payment's share, a new price, an own rate's pick) and, for a booking,
     * its prices in cents.
     */
    public record ReturnStep(ReturnKind kind, int booking, int line, long cents, List<Long> prices) {
        public ReturnStep {
            prices = List.copyOf(prices);
        }
    }

    /**
     * Steps of bookings, points payments (at the point value, at a rate given with them, for points given with
     * them), money payments, price changes (cuts, raises, zero and below), partial and whole cancellations,
     * repeated cancellations and year ends (two in a row make a year without earning, so the points expire and
     * later cancellations meet expired points). Weighted towards payments, cuts and cancellations of the latest
     * booking, so that they meet on one booking.
     */
    public static Arbitrary<ReturnStep> returnSteps() {
        Arbitrary<ReturnKind> kinds = Arbitraries.frequency(
                Tuple.of(2, ReturnKind.BOOK), Tuple.of(3, ReturnKind.PAY_POINTS),
                Tuple.of(2, ReturnKind.PAY_POINTS_OWN_RATE), Tuple.of(1, ReturnKind.PAY_POINTS_OWN_POINTS),
                Tuple.of(1, ReturnKind.PAY_MONEY), Tuple.of(3, ReturnKind.PRICE_CHANGE),
                Tuple.of(3, ReturnKind.CANCEL_LINE), Tuple.of(2, ReturnKind.CANCEL_BOOKING),
                Tuple.of(2, ReturnKind.CANCEL_AGAIN), Tuple.of(4, ReturnKind.YEAR_END));
        Arbitrary<Integer> booking = Arbitraries.frequency(Tuple.of(6, 0), Tuple.of(2, 1), Tuple.of(1, 2));
        return Combinators.combine(kinds, booking, Arbitraries.integers().between(0, 2), cents(),
                LoyaltyArbitraries.positiveCents(80_000).map(Integer::longValue).list().ofMinSize(1).ofMaxSize(3))
                .as(ReturnStep::new);
    }
}

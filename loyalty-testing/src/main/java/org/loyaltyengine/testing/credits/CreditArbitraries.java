package org.loyaltyengine.testing.credits;

import java.math.BigDecimal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import org.loyaltyengine.credits.CreditRequests.Counting;
import org.loyaltyengine.credits.CreditRequests.DefineType;
import org.loyaltyengine.spi.Money;

/**
 * jqwik generators for the prepaid credits program (seed 002): the credit types a service company sells (hours
 * counted in fractions, tickets and copies counted whole, face values from a dime to 80.00), quantities from a
 * hundredth of an hour to more than a lot holds, prices at a discount (now and then none, free, or above the face
 * value), validities that end soon, later or never, and the steps of a run of commands over them.
 */
public final class CreditArbitraries {
    /** Hours of a technician: fractions, 80.00 each. */
    public static final DefineType HOUR = new DefineType("HOUR", "Service hour", "hour", Counting.FRACTIONAL,
            Money.of("80.00", "EUR"));
    /** Helpdesk tickets: whole, 25.00 each. */
    public static final DefineType TICKET = new DefineType("TICKET", "Helpdesk ticket", "ticket", Counting.WHOLE,
            Money.of("25.00", "EUR"));
    /** Copies of a copy centre: whole, a dime each, so discounts round to a cent or two. */
    public static final DefineType COPY = new DefineType("COPY", "Copy", "copy", Counting.WHOLE,
            Money.of("0.10", "EUR"));

    private CreditArbitraries() {
    }

    /** What a step does; which fields of its {@link Step} matter depends on it. */
    public enum Kind { SELL, CONFIRM, CANCEL, WORK, MANUAL, CREDIT_NOTE, CREDIT_AGAIN, EXPIRE, ADVANCE }

    /**
     * One generated step.
     *
     * @param customer 0 and 1 use credits, 2 does not
     * @param type     0 HOUR, 1 TICKET, 2 COPY (a second line takes the next type when {@code lines} says so)
     * @param quantity the raw quantity: for a fractional type hundredths (0 refused before it is sent), for a whole
     *                 one the units; see {@link #quantity}
     * @param percent  the price paid in percent of the face value (0 free, above 100 above it)
     * @param days     days of validity (negative: ended already; 99 and up: none) or days the clock moves
     * @param pick     which sale, document or line a step picks
     * @param mode     0..7: variations (a fractional quantity of a whole type on 7, a line price on 5, ...)
     */
    public record Step(Kind kind, int customer, int type, int quantity, int percent, int days, int pick, int mode) {
    }

    public static Arbitrary<Step> steps() {
        Arbitrary<Kind> kind = Arbitraries.frequency(Tuple.of(9, Kind.SELL), Tuple.of(8, Kind.CONFIRM),
                Tuple.of(2, Kind.CANCEL), Tuple.of(10, Kind.WORK), Tuple.of(2, Kind.MANUAL), Tuple.of(4, Kind.CREDIT_NOTE),
                Tuple.of(2, Kind.CREDIT_AGAIN), Tuple.of(2, Kind.EXPIRE), Tuple.of(2, Kind.ADVANCE));
        Arbitrary<Integer> customer = Arbitraries.frequency(Tuple.of(5, 0), Tuple.of(4, 1), Tuple.of(1, 2));
        return Combinators.combine(kind, customer, Arbitraries.integers().between(0, 2), quantities(), percents(),
                days(), Arbitraries.integers().between(0, 31), Arbitraries.integers().between(0, 7)).as(Step::new);
    }

    /** Raw quantities: mostly a few to a dozen units, now and then tiny (a hundredth) or zero (refused). */
    public static Arbitrary<Integer> quantities() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)), Tuple.of(2, Arbitraries.integers().between(1, 3)),
                Tuple.of(8, Arbitraries.integers().between(4, 1600)));
    }

    /** Prices in percent of the face value: at a discount mostly, at face value, free, above it now and then. */
    public static Arbitrary<Integer> percents() {
        return Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.integers().between(50, 99)), Tuple.of(2, Arbitraries.just(100)),
                Tuple.of(1, Arbitraries.just(0)), Tuple.of(1, Arbitraries.integers().between(101, 130)));
    }

    /** Days: a validity that has ended, ends soon or later, or none (99 and up); or how far the clock moves. */
    public static Arbitrary<Integer> days() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.integers().between(-3, -1)),
                Tuple.of(5, Arbitraries.integers().between(0, 45)), Tuple.of(4, Arbitraries.integers().between(99, 120)));
    }

    /**
     * The quantity a step asks of a type: a fractional type in hundredths ({@code raw / 100}, so 1 is 0.01), a whole
     * one in units ({@code raw % 20}, 0 kept as 0); with {@code fractionOfWhole} a whole type is asked half a unit
     * more, which its rules refuse.
     */
    public static BigDecimal quantity(DefineType type, int raw, boolean fractionOfWhole) {
        if (type.counting() == Counting.FRACTIONAL) {
            return BigDecimal.valueOf(raw, 2);
        }
        BigDecimal units = BigDecimal.valueOf(raw == 0 ? 0 : raw % 20 + 1);
        return fractionOfWhole && raw != 0 ? units.add(new BigDecimal("0.5")) : units;
    }

    /** {@code percent} % of the type's face value, rounded half up to the cent. */
    public static Money price(DefineType type, int percent) {
        return Money.of(type.faceValue().amount().multiply(BigDecimal.valueOf(percent))
                .divide(BigDecimal.valueOf(100), 2, java.math.RoundingMode.HALF_UP), "EUR");
    }
}

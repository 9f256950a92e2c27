package org.loyaltyengine.testing;

import java.math.BigDecimal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

import org.loyaltyengine.spi.Money;

/**
 * jqwik generators of the amounts every program's commands carry, weighted the way the engine's own
 * conservation properties found the boundaries: a cent or a few (rounding, shares of a cent), ordinary
 * amounts, and, where a host wants refusals too, zero and negative ones. Per program, the
 * {@code *Arbitraries} classes beside the suites build commands and documents from these.
 */
public final class LoyaltyArbitraries {
    private LoyaltyArbitraries() {
    }

    /** Cents: mostly ordinary, often a cent or a few, sometimes zero or a credit (a negative amount). */
    public static Arbitrary<Long> cents() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.longs().between(1, 5)),
                Tuple.of(5, Arbitraries.longs().between(100, 80_000)),
                Tuple.of(2, Arbitraries.longs().between(-30_000, -1)),
                Tuple.of(1, Arbitraries.just(0L)));
    }

    /** Positive cents: a cent or a few, or up to {@code max}. */
    public static Arbitrary<Integer> positiveCents(int max) {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.integers().between(1, 5)),
                Tuple.of(6, Arbitraries.integers().between(1, max)));
    }

    /** A positive amount of at most {@code maxCents} cents in {@code currency}, scale 2. */
    public static Arbitrary<Money> money(String currency, int maxCents) {
        return positiveCents(maxCents).map(c -> Money.of(BigDecimal.valueOf(c, 2), currency));
    }
}

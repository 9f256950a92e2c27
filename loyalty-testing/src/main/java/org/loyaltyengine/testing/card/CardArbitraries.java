package org.loyaltyengine.testing.card;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.spi.Money;

/**
 * jqwik generators of customer card documents, in EUR, from the engine's customer card properties:
 * sales of one or two lines of the host's products, quantities of one or a few, line amounts of zero,
 * a few cents (shares of a cent on return) or up to 250.00.
 */
public final class CardArbitraries {
    private CardArbitraries() {
    }

    /** A line amount in cents: now and then zero, often a few cents, mostly up to 250.00. */
    public static Arbitrary<Integer> lineCents() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(0)),
                Tuple.of(2, Arbitraries.integers().between(1, 9)), Tuple.of(7, Arbitraries.integers().between(10, 25000)));
    }

    /** A line's quantity: one, or more often two or three (so returns can be partial). */
    public static Arbitrary<Integer> quantities() {
        return Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.just(1)), Tuple.of(3, Arbitraries.integers().between(2, 3)));
    }

    /** A sale line {@code lineId} of one of {@code products}. */
    public static Arbitrary<SaleLine> lines(String lineId, String... products) {
        return Combinators.combine(Arbitraries.of(products), quantities(), lineCents())
                .as((product, quantity, cents) -> new SaleLine(lineId, product, BigDecimal.valueOf(quantity),
                        Money.of(BigDecimal.valueOf(cents, 2), "EUR")));
    }

    /** A sale {@code documentId} of {@code customerId} on {@code date}, of one or two lines of {@code products}. */
    public static Arbitrary<Sale> sales(String documentId, String customerId, LocalDate date, String... products) {
        return Arbitraries.integers().between(1, 2).flatMap(n -> {
            List<Arbitrary<SaleLine>> lines = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                lines.add(lines(Integer.toString(i), products));
            }
            return Combinators.combine(lines).as(l -> new Sale(documentId, customerId, date, Money.currency("EUR"), l));
        });
    }
}

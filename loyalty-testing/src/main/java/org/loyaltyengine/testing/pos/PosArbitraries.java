package org.loyaltyengine.testing.pos;

import java.math.BigDecimal;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

import org.loyaltyengine.pos.PosRequests.AddItem;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Money;
import org.loyaltyengine.testing.LoyaltyArbitraries;

/**
 * jqwik generators of POS card commands and cards, in CZK, from the engine's POS properties: prices of
 * a cent or a few up to 60.00, the card percentages and deposits that make most draws covered and some
 * not, items with and without a cashier's discount.
 */
public final class PosArbitraries {
    private PosArbitraries() {
    }

    /** A positive price in CZK, up to 60.00. */
    public static Arbitrary<Money> prices() {
        return LoyaltyArbitraries.money("CZK", 6000);
    }

    /** The percentage a card gives: none, ordinary, a fraction, all of it. */
    public static Arbitrary<BigDecimal> cardPercents() {
        return Arbitraries.of(new BigDecimal("0"), new BigDecimal("10"), new BigDecimal("12.5"), new BigDecimal("100"));
    }

    /** A starting deposit on a card: a cent, little, some, much. */
    public static Arbitrary<BigDecimal> deposits() {
        return Arbitraries.of(new BigDecimal("0.01"), new BigDecimal("25.00"), new BigDecimal("150.00"),
                new BigDecimal("1000.00"));
    }

    /** A card numbered {@code number}, drawing credit and loaded by top-up items or not, with any percentage. */
    public static Arbitrary<Card> cards(String number) {
        return Combinators.combine(cardPercents(), Arbitraries.of(true, false))
                .as((percent, credit) -> new Card(number, "First", "Last", percent, credit, credit,
                        Money.currency("CZK")));
    }

    /**
     * An item for {@code receiptId} on line {@code lineId}: a price, VAT 21 %, and now and then a
     * cashier's discount of 10 % or all of the price.
     */
    public static Arbitrary<AddItem> items(String receiptId, String lineId) {
        Arbitrary<BigDecimal> discount = Arbitraries.of(new BigDecimal("10"), new BigDecimal("100")).injectNull(0.7);
        return Combinators.combine(prices(), discount).as((price, d) -> new AddItem(receiptId, lineId, "item", price,
                false, new BigDecimal("21"), d));
    }

    /** A reservation time of one minute to fifteen hours. */
    public static Arbitrary<Long> holdMinutes() {
        return Arbitraries.longs().between(1, 900);
    }
}

package org.loyaltyengine.spi;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * A POS discount/credit card (SPEC PC-1): holder names, a number unique in the tenant, a discount
 * percentage, and whether the card may draw credit and be loaded (topped up).
 */
public record Card(String number, String firstName, String lastName, BigDecimal discountPercent,
                   boolean creditDrawing, boolean loadOntoCard, Currency currency) {
    public Card {
        Checks.identifier(number, "card number", Limits.CARD_NUMBER);
        Checks.name(firstName, "first name", Limits.NAME);
        Checks.name(lastName, "last name", Limits.NAME);
        Checks.percent(discountPercent, "discount percent");
        Checks.notNull(currency, "card currency");
    }

    /**
     * The same definition, the discount compared by value ({@code 10} and {@code 10.00} are one): what a
     * store compares a card it holds with the card a caller read ({@link Cards#update}).
     */
    public boolean sameAs(Card other) {
        return other != null && number.equals(other.number) && firstName.equals(other.firstName)
                && lastName.equals(other.lastName) && discountPercent.compareTo(other.discountPercent) == 0
                && creditDrawing == other.creditDrawing && loadOntoCard == other.loadOntoCard
                && currency.equals(other.currency);
    }
}

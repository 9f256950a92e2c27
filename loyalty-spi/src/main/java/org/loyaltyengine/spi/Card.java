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
        Checks.text(number, "card number");
        if (number.length() > 64) {
            throw new InvalidValueException("card number is longer than 64 characters");
        }
        Checks.text(firstName, "first name");
        Checks.text(lastName, "last name");
        Checks.percent(discountPercent, "discount percent");
        Checks.notNull(currency, "card currency");
    }
}

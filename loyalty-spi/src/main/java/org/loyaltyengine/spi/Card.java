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
}

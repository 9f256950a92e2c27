package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Limits;

/**
 * The result of adding an item that gets a discount (SPEC PC-3): the amount off the item's price, the
 * card's percentage or the cashier's, rounded half-up to the price's scale. An item added without a
 * discount decides none; the host reads it as {@code outcome.result(PosItemDiscount.class)}.
 */
public record PosItemDiscount(String receiptId, String lineId, BigDecimal discount) {
    public PosItemDiscount {
        Checks.identifier(receiptId, "receipt id", Limits.IDENTIFIER);
        Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
        Checks.nonNegative(discount, "discount");
    }
}

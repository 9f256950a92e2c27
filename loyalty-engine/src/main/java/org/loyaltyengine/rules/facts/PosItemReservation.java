package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Limits;

/**
 * The result of adding an item drawn from the card's credit (SPEC PC-5): the amount reserved for it until
 * the receipt is paid, the item deleted, the receipt abandoned or the reservation's time is up. The hold
 * itself is in the outcome's holds; the host reads this as {@code outcome.result(PosItemReservation.class)}.
 */
public record PosItemReservation(String receiptId, String lineId, BigDecimal reserved) {
    public PosItemReservation {
        Checks.identifier(receiptId, "receipt id", Limits.IDENTIFIER);
        Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
        Checks.positive(reserved, "reserved amount");
    }
}

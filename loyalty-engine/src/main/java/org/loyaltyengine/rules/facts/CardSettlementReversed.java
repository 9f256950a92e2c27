package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;

/**
 * Result of taking back the settlement of a card (CC-12), decided when the consultation or sale it was settled
 * on is unlocked, or its settlement cancelled while the document is still being made: the amount that goes
 * back on the open card, and the negative free booking the host withdraws from the document. Kept in the
 * outcome as {@code CardSettlementReversed.settlement} and {@code CardSettlementReversed.freeBooking}.
 *
 * @param customer    whose card the settlement goes back on
 * @param document    the consultation or sale it was settled on
 * @param settlement  the amount the settlement paid out, above zero, now back on the open card (the sum of
 *                    every settlement in force on the document)
 * @param freeBooking the free booking withdrawn from the document: the settlement, negated
 */
public record CardSettlementReversed(String customer, String document, BigDecimal settlement, BigDecimal freeBooking) {
    public CardSettlementReversed {
        Checks.text(customer, "customer");
        Checks.text(document, "document");
        Checks.decimal(settlement, "settlement");
        Checks.decimal(freeBooking, "free booking");
        if (settlement.signum() <= 0) {
            throw new InvalidValueException("a settlement taken back is above zero, not " + settlement.toPlainString());
        }
        if (freeBooking.compareTo(settlement.negate()) != 0) {
            throw new InvalidValueException("the free booking withdrawn " + freeBooking.toPlainString()
                    + " is not the settlement " + settlement.toPlainString() + " negated");
        }
    }
}

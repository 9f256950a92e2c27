package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;

/**
 * Result of settling a card (SPEC CC-6), decided by the settlement rule: the amount the card paid out
 * on the settling document and the negative free booking that deducts it. Kept in the outcome as
 * {@code CardSettlementResult.settlement} and {@code CardSettlementResult.freeBooking}.
 *
 * @param customer    whose card was settled
 * @param document    the consultation or sale it was settled on
 * @param settlement  the amount settled, above zero (an empty card is refused, not settled)
 * @param freeBooking the free booking on the document: the settlement, negated
 */
public record CardSettlementResult(String customer, String document, BigDecimal settlement, BigDecimal freeBooking) {
    public CardSettlementResult {
        Checks.text(customer, "customer");
        Checks.text(document, "document");
        Checks.decimal(settlement, "settlement");
        Checks.decimal(freeBooking, "free booking");
        if (settlement.signum() <= 0) {
            throw new InvalidValueException("a settlement is above zero, not " + settlement.toPlainString());
        }
        // The one free booking is what takes the settled amount off the card, so it cannot say otherwise.
        if (freeBooking.compareTo(settlement.negate()) != 0) {
            throw new InvalidValueException("the free booking " + freeBooking.toPlainString()
                    + " is not the settlement " + settlement.toPlainString() + " negated");
        }
    }
}

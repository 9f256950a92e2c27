package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * An administrator's correction of a customer's credits of one type (SPEC CR-3, CR-8), as the rules see it.
 *
 * @param reference the key of its entries, {@code correction:<id>}
 * @param whole     whether the type counts whole credits
 * @param quantity  above zero the credits added, below zero the credits taken off
 * @param usable    what the customer's usable lots of the type hold now, reservations excluded
 * @param lot       the account of the free lot an addition makes
 * @param idUsed    whether a correction under this id was applied before
 * @param usesCredits whether credits apply to the customer
 */
public record CreditCorrection(String correctionId, String reference, String customerId, String type, boolean whole,
                               BigDecimal quantity, BigDecimal usable, AccountKey lot, boolean idUsed, boolean usesCredits,
                               String note) {
    public boolean adds() {
        return quantity.signum() > 0;
    }

    /** What a taking off takes; zero for an addition. */
    public BigDecimal takesOff() {
        return quantity.signum() < 0 ? quantity.negate() : BigDecimal.ZERO;
    }

    public boolean fractional() {
        return quantity.stripTrailingZeros().scale() > 0;
    }
}

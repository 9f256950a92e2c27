package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * One lot a sale sells (SPEC CR-3): so many credits of a type at the price paid per credit, against the type's
 * face value, and the lot's own account.
 */
public record CreditSaleLine(String saleId, String lineId, String type, boolean whole, BigDecimal quantity,
                             BigDecimal unitPrice, BigDecimal faceValue, AccountKey account) {
    /** Whether the quantity has a fraction (a whole unit refuses it). */
    public boolean fractional() {
        return quantity.stripTrailingZeros().scale() > 0;
    }
}

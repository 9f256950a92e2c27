package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * One line of registered work (SPEC CR-4, CR-5).
 *
 * @param demandBefore  what the document's earlier lines of the same type ask for: they draw first
 * @param usable        what the customer's usable lots of the type hold together
 * @param unitPrice     what an uncovered credit is billed at
 * @param overdraft     the customer's overdraft account of the type
 * @param consumed      whether this line of this document was registered before
 */
public record CreditWorkLine(String reference, String lineId, String type, boolean whole, BigDecimal quantity,
                             BigDecimal demandBefore, BigDecimal usable, BigDecimal unitPrice, String currency,
                             AccountKey overdraft, boolean consumed) {
    /** Whether the quantity has a fraction (a whole unit refuses it). */
    public boolean fractional() {
        return quantity.stripTrailingZeros().scale() > 0;
    }
}

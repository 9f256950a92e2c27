package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * What one credited line of a consuming document took from one account (a lot, or the overdraft account),
 * and whether a credit note gave it back already (SPEC X-13). A line that consumed nothing has none.
 *
 * @param lot      the lot ({@code sale/line}), or null for the overdrawn part
 * @param creditedBy the credit note that gave the line back, or null
 */
public record CreditReturnLine(String reference, String lineId, String lot, AccountKey account,
                               BigDecimal quantity, String creditedBy) {
    public boolean credited() {
        return creditedBy != null;
    }
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.AccountKey;

/**
 * Part of a credited line's overdrawn credits that a later lot settled already (SPEC X-13, CR-5): those credits
 * came from that lot in the end, so the credit note takes the settlement back (the lot gets them again, the
 * negative balance its debt) before it gives the overdrawn part back to the negative balance.
 *
 * @param lot       the lot that settled them ({@code sale/line})
 * @param overdraft the customer's overdraft account of the type
 */
public record CreditUnsettle(String reference, String lineId, String lot, AccountKey lotAccount, AccountKey overdraft,
                             BigDecimal quantity) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * A line of a receipt a refund is asked of (SPEC X-13), as its card's ledger shows it: {@code drawn} what
 * the card's credit paid for it (its draws, zero if none), {@code loaded} what it loaded onto the card (a
 * credit item's top-up, zero if none), {@code refundedBy} the refund that already took it (null if none).
 *
 * @param named whether the refund asks for this line (every line, for a refund of the whole receipt)
 */
public record PosRefundLine(String receiptId, String lineId, boolean named, boolean deleted, boolean creditItem,
                            BigDecimal discount, BigDecimal drawn, BigDecimal loaded, String refundedBy) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * A line a refund takes (SPEC X-13), derived by the rules from a {@link PosRefundLine}: what goes back to
 * the card ({@code drawn}) and what is taken back from it ({@code loaded}).
 */
public record PosLineRefunded(String receiptId, String refundId, String lineId, BigDecimal drawn, BigDecimal loaded) {
}

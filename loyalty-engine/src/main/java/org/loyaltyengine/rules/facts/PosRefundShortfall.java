package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Why a refund was refused (SPEC X-13, PC-4): the top-ups it would take back ({@code takenBack}) exceed
 * what the card has available plus what the refund gives back to it ({@code available}, {@code givenBack});
 * the loaded credit was spent. Carried by the rejected outcome, {@code outcome.result(PosRefundShortfall.class)}.
 */
public record PosRefundShortfall(String receiptId, String refundId, String cardNumber, BigDecimal takenBack,
                                 BigDecimal givenBack, BigDecimal available) {
}

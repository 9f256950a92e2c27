package org.loyaltyengine.rules.facts;

/**
 * A POS card command fact (SPEC X-13): refund of the paid receipt {@code receiptId} under the host's
 * refund id, of every line still refundable ({@code whole}) or of the lines the request names (each a
 * {@link PosRefundLine} with {@code named}).
 */
public record PosRefund(String receiptId, String refundId, boolean whole) {
}

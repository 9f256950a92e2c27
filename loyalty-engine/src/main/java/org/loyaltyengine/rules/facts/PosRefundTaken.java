package org.loyaltyengine.rules.facts;

/** A refund id the tenant has already used (SPEC X-13), with the receipt that refund was of. */
public record PosRefundTaken(String refundId, String receiptId) {
}

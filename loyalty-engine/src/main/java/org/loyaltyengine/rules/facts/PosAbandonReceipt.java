package org.loyaltyengine.rules.facts;

/** A POS card command fact. */
public record PosAbandonReceipt(String receiptId) {
}

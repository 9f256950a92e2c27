package org.loyaltyengine.rules.facts;

/** A POS card command fact. */
public record PosDeleteItem(String receiptId, String lineId) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * An item already on a receipt. {@code holdId} names the credit reservation made for it (null if
 * none); {@code holdPending} says whether that reservation is still open, {@code holdRunOut} whether
 * its time has come (it expires at or before now) though the sweep has not expired it yet.
 */
public record PosItem(String receiptId, String lineId, BigDecimal amount, BigDecimal discount, boolean creditItem,
                      boolean deleted, String holdId, boolean holdPending, boolean holdRunOut) {
}

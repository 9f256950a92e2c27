package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * An item added to a receipt. {@code creditItem} marks the special top-up item; {@code
 * manualDiscountPercent} is a discount the cashier keyed in for this item (null: none).
 */
public record PosAddItem(String receiptId, String lineId, String product, BigDecimal amount, boolean creditItem, BigDecimal vatPercent, BigDecimal manualDiscountPercent) {
}

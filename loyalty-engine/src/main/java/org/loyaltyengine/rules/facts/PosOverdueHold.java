package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** A pending reservation whose expiry time has passed, offered to the expiry sweep. */
public record PosOverdueHold(String holdId, String receiptId, BigDecimal amount) {
}

package org.loyaltyengine.rules.facts;

import java.time.LocalDate;

/**
 * A consultation or sale the engine was told about: its status before the command ({@code null} when
 * it is new, else OPEN, LOCKED or UNLOCKED) and whether a credit note returned any of its lines.
 */
public record CardSale(String id, String customer, LocalDate date, String status, boolean hasReturns) {
}

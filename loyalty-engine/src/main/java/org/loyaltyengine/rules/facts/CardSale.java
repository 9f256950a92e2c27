package org.loyaltyengine.rules.facts;

import java.time.LocalDate;

/**
 * A consultation or sale the engine was told about: the one a command is about, with its status before
 * the command ({@code null} when it is new, else OPEN, LOCKED or UNLOCKED), and, as stored, the ones the
 * open card's lines name. {@code hasReturns}: whether a credit note returned any of its lines.
 */
public record CardSale(String id, String customer, LocalDate date, String status, boolean hasReturns) {
}

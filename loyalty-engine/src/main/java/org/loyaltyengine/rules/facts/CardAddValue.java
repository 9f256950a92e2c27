package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Command: put a value on a card by hand (a paper card's starting value), with a note, as the manual line
 * {@code line}.
 */
public record CardAddValue(String customer, String line, BigDecimal amount, String note) {
}

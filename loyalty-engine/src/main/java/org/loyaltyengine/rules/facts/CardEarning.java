package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Inserted by the rules: what an eligible line not on a card yet puts on one when it goes on, its
 * amount times the percentage in force, rounded once.
 */
public record CardEarning(String document, String line, BigDecimal value) {
}

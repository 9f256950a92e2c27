package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Inserted by the rules: the practice's default percentage in force on the date of a sale's line (CC-10),
 * which the line earns when its product's period has no percentage of its own.
 */
public record CardDefaultInForce(String document, String line, BigDecimal percent) {
}

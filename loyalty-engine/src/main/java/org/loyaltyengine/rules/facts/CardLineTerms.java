package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Inserted by the rules: the terms a line is judged by, from its product's period in force on the sale
 * date: whether it is eligible and the percentage it earns (the period's own, else the practice default).
 */
public record CardLineTerms(String document, String line, boolean eligible, BigDecimal percent) {
}

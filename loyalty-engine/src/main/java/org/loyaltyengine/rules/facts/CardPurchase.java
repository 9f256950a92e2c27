package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Inserted by the counting rules: a line of the open card that counts as a purchase, with the units it
 * counts for and the day of its visit.
 */
public record CardPurchase(String customer, String document, String line, LocalDate date, BigDecimal units) {
}

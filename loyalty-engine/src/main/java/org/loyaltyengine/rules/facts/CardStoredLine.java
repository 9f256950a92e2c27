package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a consultation or sale as the engine stored it: of the sales the open card's lines name,
 * and of a sale on record that a lock or a settlement sends again ({@link CardSaleCheck}).
 *
 * @param date     the sale's date
 * @param returned the quantity credit notes returned so far
 */
public record CardStoredLine(String document, String line, String product, LocalDate date, BigDecimal quantity,
                             BigDecimal amount, BigDecimal returned) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line with something on a customer's open card, as the ledger and its sale record it.
 *
 * @param document the sale the line is of; null for a line added by hand
 * @param date     the sale's date; null for a line added by hand, or a sale not on record
 * @param quantity the quantity sold; null as the date
 * @param returned the quantity credit notes returned so far
 * @param open     what is left of the line on the open card (returns and removals by hand included)
 */
public record CardOpenLine(String customer, String document, String line, LocalDate date, BigDecimal quantity,
                           BigDecimal returned, BigDecimal open) {
}

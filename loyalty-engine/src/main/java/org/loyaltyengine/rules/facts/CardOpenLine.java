package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * Inserted by the rules: one line with something on a customer's open card ({@link CardOpenValue}), with
 * what its sale records of it ({@link CardSale}, {@link CardStoredLine}).
 *
 * @param document   the sale the line is of; null for a line added by hand
 * @param product    the product sold; null for a line added by hand, or a line its sale does not record
 * @param date       the sale's date; null for a line added by hand, or a sale not on record
 * @param quantity   the quantity sold; null as the product
 * @param returned   the quantity credit notes returned so far
 * @param open       what is left of the line on the open card (returns and removals by hand included)
 * @param note       the clerk's note of a line added by hand, else null
 * @param firstEntry the sequence of the line's first ledger entry: the open card lists its lines in that order
 */
public record CardOpenLine(String customer, String document, String line, String product, LocalDate date,
                           BigDecimal quantity, BigDecimal returned, BigDecimal open, String note, long firstEntry) {
}

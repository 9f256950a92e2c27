package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of a consultation or sale with what the card ledger says about it. What it earns is the
 * rules' to decide, from the product's periods ({@link CardProductPeriod}) and the practice's default.
 *
 * @param onCard      what the line put on a card and was not taken off by an unlock (settled or not);
 *                    zero when the line never went on a card
 * @param open        what is left of the line on the open (unsettled) card: returns and manual removals
 *                    included, so taking {@code open} off never takes more than is left
 * @param adjusted    what returns took off for this line so far (zero or negative)
 * @param returned    the quantity credit notes returned so far
 * @param removed     what a clerk took off this line by hand (zero or negative)
 */
public record CardSaleLine(String document, String line, String product, LocalDate date, BigDecimal quantity,
                           BigDecimal amount, BigDecimal onCard, BigDecimal open,
                           BigDecimal adjusted, BigDecimal returned, BigDecimal removed) {
}

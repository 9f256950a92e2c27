package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line of the consultation or sale a command is about: as the host sends it (lock, settlement), or as
 * stored when the command names only the document (unlock, credit note, enrolment). What it earns is the
 * rules' to decide, from the product's periods ({@link CardProductPeriod}) and the practice's default;
 * what the ledger holds of it, from the card's entries ({@link CardLedgerEntry}).
 *
 * @param returned the quantity credit notes returned so far (zero for a line as the host sends it)
 */
public record CardSaleLine(String document, String line, String product, LocalDate date, BigDecimal quantity,
                           BigDecimal amount, BigDecimal returned) {
}

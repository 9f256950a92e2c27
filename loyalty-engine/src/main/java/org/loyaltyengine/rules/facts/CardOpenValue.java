package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Inserted by the rules: what a line has on the open card, the sum of its entries since the last
 * settlement (returns and removals by hand included), when it is not zero.
 *
 * @param document   the sale the line is of; null for a line added by hand
 * @param firstEntry the sequence of the line's first ledger entry: the open card lists its lines in that order
 */
public record CardOpenValue(String customer, String document, String line, BigDecimal value, long firstEntry) {
}

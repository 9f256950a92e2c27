package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Inserted by the rules: the SETTLE entry {@code sequence} of {@code customer}'s card, booked on
 * {@code document}, is in force, i.e. not taken back since by unlocking its document (CC-12).
 *
 * @param settlement what it paid out, above zero (the SETTLE entry's amount, negated)
 */
public record CardSettlementInForce(String customer, long sequence, String document, BigDecimal settlement) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Inserted by the rules: the command takes back the settlement in force {@code sequence}, booked on
 * {@code document} (CC-12), so the card is open since the settlement before it.
 *
 * @param settlement what the settlement paid out, above zero; it goes back on the card
 */
public record CardSettlementTakenBack(String customer, long sequence, String document, BigDecimal settlement) {
}

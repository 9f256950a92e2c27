package org.loyaltyengine.rules.facts;

/** Command: the customer stops taking part in the card (CC-11). */
public record CardWithdraw(String customer) {
}

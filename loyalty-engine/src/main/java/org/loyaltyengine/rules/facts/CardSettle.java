package org.loyaltyengine.rules.facts;

/** Command: settle the open card as a negative free booking on the given consultation or sale. */
public record CardSettle(String customer, String document) {
}

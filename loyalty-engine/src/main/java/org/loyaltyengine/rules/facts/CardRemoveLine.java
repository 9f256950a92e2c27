package org.loyaltyengine.rules.facts;

/**
 * Command: take one line off the open card by hand, with a note. {@code document} is null for a
 * manual line; what the line has on the open card is the rules' to total ({@link CardOpenValue}).
 */
public record CardRemoveLine(String customer, String document, String line, String note) {
}

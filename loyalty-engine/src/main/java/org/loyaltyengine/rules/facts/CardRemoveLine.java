package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/**
 * Command: take one line off the open card by hand, with a note. {@code document} is null for a
 * manual line; {@code open} is what the line has on the open card.
 */
public record CardRemoveLine(String customer, String document, String line, String note, BigDecimal open) {
}

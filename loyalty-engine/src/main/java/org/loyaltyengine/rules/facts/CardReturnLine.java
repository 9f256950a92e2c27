package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** Command part: a credit note returns {@code quantity} of one line of a locked consultation or sale. */
public record CardReturnLine(String creditNote, String document, String line, BigDecimal quantity) {
}

package org.loyaltyengine.card;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One line on a customer's open card: a purchase (document and line, product, sale date, quantity),
 * a manual line ({@code document} null), or a return of an already settled purchase (negative value).
 *
 * @param value what the line adds to the card (negative for a return shown on the next card)
 * @param note  the clerk's note of a manual line, else null
 */
public record CardLine(String document, String line, String product, LocalDate date, BigDecimal quantity,
                       BigDecimal value, String note) {
    public boolean isManual() {
        return document == null;
    }
}

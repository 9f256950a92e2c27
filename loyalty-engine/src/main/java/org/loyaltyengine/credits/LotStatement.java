package org.loyaltyengine.credits;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.loyaltyengine.spi.Money;

/**
 * One lot of a customer on a date: what one sale line sold, at the price paid per credit, and what became of it.
 * {@code consumed} counts what work drew and what settled a negative balance, less what credit notes gave back;
 * {@code corrected} what corrections added (the whole of a correction's free lot, whose sale id is
 * {@code correction:<id>}) less what they took off; remaining = bought - consumed - reserved - expired +
 * corrected, the bought being the quantity unless the sale was cancelled, and none for a free lot.
 *
 * @param status the sale's status on the date: {@code OPEN}, {@code CONFIRMED} or {@code CANCELLED}
 */
public record LotStatement(String saleId, String lineId, String type, String status, LocalDate soldOn,
                           LocalDate validUntil, BigDecimal quantity, Money unitPrice, BigDecimal reserved,
                           BigDecimal consumed, BigDecimal expired, BigDecimal corrected, BigDecimal remaining) {
    /** The lot's key in answers and reports: {@code sale/line}. */
    public String lot() {
        return saleId + "/" + lineId;
    }
}

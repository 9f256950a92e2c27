package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.loyaltyengine.spi.AccountKey;

/**
 * A lot as it stands (SPEC CR-3, CR-8): the credits one sale line sold, at the price paid per credit, with its
 * account's balance and what of it can be drawn now.
 *
 * @param saleStatus      {@code OPEN}, {@code CONFIRMED} or {@code CANCELLED}
 * @param usable          confirmed and within its validity on the business date, so work may draw on it
 * @param available       what can be drawn: the balance less what is reserved
 * @param holdId          the reservation placed while the sale was open, or null
 * @param holdPending     whether that reservation still holds
 * @param drawOrder       the lot's place among the customer's usable lots of its type, first in first out: the
 *                        soonest-expiring first, lots without an end last, then by sale date, sale and line;
 *                        0 for a lot not usable
 * @param availableBefore what the usable lots of its type before it hold: work draws on this lot once those are
 *                        used up
 * @param saleBefore      what the lots of the same sale and type before it sold: a confirmed sale settles an
 *                        overdrawn balance from its first lots
 */
public record CreditLot(String saleId, String lineId, String customerId, String type, AccountKey account,
                        String saleStatus, BigDecimal quantity, BigDecimal unitPrice, LocalDate validUntil,
                        boolean usable, BigDecimal balance, BigDecimal available, String holdId, boolean holdPending,
                        int drawOrder, BigDecimal availableBefore, BigDecimal saleBefore) {
    /** The key the program names a lot by in answers and reports: {@code sale/line}. */
    public String lot() {
        return saleId + "/" + lineId;
    }

    /** Whether anything was drawn from, settled from or expired off the lot. */
    public boolean touched() {
        return balance.compareTo(quantity) < 0;
    }
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.loyaltyengine.spi.AccountKey;

/**
 * A POS card as the rules see it: its definition and its credit account's figures (credit = the
 * sum of its movements, held = pending reservations, available = credit - held). {@code voucher} says
 * the card is a voucher or gift certificate, {@code validUntil} the last day it may be drawn on (null:
 * no expiry; SPEC PC-12).
 */
public record PosCard(String number, BigDecimal discountPercent, boolean creditDrawing, boolean loadOntoCard,
                      String currency, AccountKey account, BigDecimal credit, BigDecimal held, boolean voucher,
                      LocalDate validUntil) {
    /** An ordinary card: no voucher, no expiry. */
    public PosCard(String number, BigDecimal discountPercent, boolean creditDrawing, boolean loadOntoCard,
                   String currency, AccountKey account, BigDecimal credit, BigDecimal held) {
        this(number, discountPercent, creditDrawing, loadOntoCard, currency, account, credit, held, false, null);
    }

    public BigDecimal available() {
        return credit.subtract(held);
    }
}

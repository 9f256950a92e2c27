package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * Why a voucher was refused (SPEC PC-12, code {@code VOUCHER_EXPIRED}): its last valid day, the business date
 * of the command that was refused, and the value it still holds, which its expiry does not take away: the
 * {@code remaining} credit (all of it, as the statement shows it) and what of it is {@code held} by
 * reservations made while it was valid. The host reads it from the rejected outcome as
 * {@code outcome.result(PosVoucherExpired.class)}.
 */
public record PosVoucherExpired(String cardNumber, LocalDate validUntil, LocalDate businessDate, BigDecimal remaining,
                                BigDecimal held, String currency) {
    public PosVoucherExpired {
        Checks.identifier(cardNumber, "card number", Limits.CARD_NUMBER);
        Checks.notNull(validUntil, "valid-until date");
        Checks.notNull(businessDate, "business date");
        if (!businessDate.isAfter(validUntil)) {
            throw new InvalidValueException("voucher " + cardNumber + " is valid until " + validUntil
                    + " and so not expired on " + businessDate);
        }
        Checks.decimal(remaining, "remaining value");
        Checks.nonNegative(held, "held value");
        Checks.notNull(currency, "currency");
    }

    /** What of the remaining value is not held by a reservation. */
    public BigDecimal available() {
        return remaining.subtract(held);
    }
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * The result of adding an item a voucher pays only part of (SPEC PC-12): the voucher's available credit was
 * less than the item's price, so {@code drawn} (all it had) is reserved from it and {@code stillToPay} is
 * left for the customer to pay another way; the two make up the {@code price}. The reservation itself is the
 * outcome's hold and its {@link PosItemReservation}; the host reads this as
 * {@code outcome.result(PosVoucherPartDraw.class)}.
 */
public record PosVoucherPartDraw(String receiptId, String lineId, String cardNumber, BigDecimal price,
                                 BigDecimal drawn, BigDecimal stillToPay) {
    public PosVoucherPartDraw {
        Checks.identifier(receiptId, "receipt id", Limits.IDENTIFIER);
        Checks.identifier(lineId, "line id", Limits.IDENTIFIER);
        Checks.identifier(cardNumber, "card number", Limits.CARD_NUMBER);
        Checks.positive(price, "price");
        Checks.positive(drawn, "drawn amount");
        Checks.positive(stillToPay, "amount still to pay");
        // What the voucher pays and what is left are the price, to the cent: nothing made or lost in the split.
        if (drawn.add(stillToPay).compareTo(price) != 0) {
            throw new InvalidValueException("line " + lineId + " of receipt " + receiptId + ": drawn " + drawn.toPlainString()
                    + " and still to pay " + stillToPay.toPlainString() + " do not make up the price " + price.toPlainString());
        }
    }
}

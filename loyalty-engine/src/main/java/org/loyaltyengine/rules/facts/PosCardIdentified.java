package org.loyaltyengine.rules.facts;

import org.loyaltyengine.pos.PosRequests.CardMode;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * The result of identifying a card on a receipt (SPEC PC-2, PC-6, PC-11): the mode the card works in, in
 * the enum the host asks for a mode with, and whether the cashier chose it ({@code chosen}) or the rules
 * decided it from the card (a card that draws credit draws it, and then gives no discount). The host reads it
 * as {@code outcome.result(PosCardIdentified.class)}.
 */
public record PosCardIdentified(String receiptId, String cardNumber, CardMode mode, boolean chosen) {
    public PosCardIdentified {
        Checks.identifier(receiptId, "receipt id", Limits.IDENTIFIER);
        Checks.identifier(cardNumber, "card number", Limits.CARD_NUMBER);
        Checks.notNull(mode, "card mode");
    }

    /**
     * The mode as the rules name it ({@link PosCardMode#mode()}): rule files may name only the fact model,
     * so they pass the mode's name and this constructor refuses a name that is no mode.
     */
    public PosCardIdentified(String receiptId, String cardNumber, String mode, boolean chosen) {
        this(receiptId, cardNumber, mode(mode), chosen);
    }

    private static CardMode mode(String name) {
        for (CardMode m : CardMode.values()) {
            if (m.name().equals(name)) {
                return m;
            }
        }
        throw new InvalidValueException("card mode must be DISCOUNT or CREDIT, was '" + name + "'");
    }
}

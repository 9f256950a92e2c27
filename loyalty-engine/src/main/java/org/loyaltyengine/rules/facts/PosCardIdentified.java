package org.loyaltyengine.rules.facts;

import org.loyaltyengine.pos.PosRequests.CardMode;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * The result of identifying a card on a receipt (SPEC PC-2, PC-6): the mode the rules chose for it, in
 * the enum the host asks for a mode with. The host reads it as {@code outcome.result(PosCardIdentified.class)}.
 */
public record PosCardIdentified(String receiptId, String cardNumber, CardMode mode) {
    public PosCardIdentified {
        Checks.identifier(receiptId, "receipt id", Limits.IDENTIFIER);
        Checks.identifier(cardNumber, "card number", Limits.CARD_NUMBER);
        Checks.notNull(mode, "card mode");
    }

    /**
     * The mode as the rules name it ({@link PosCardMode#mode()}): rule files may name only the fact model,
     * so they pass the mode's name and this constructor refuses a name that is no mode.
     */
    public PosCardIdentified(String receiptId, String cardNumber, String mode) {
        this(receiptId, cardNumber, mode(mode));
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

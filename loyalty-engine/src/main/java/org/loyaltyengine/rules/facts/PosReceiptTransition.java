package org.loyaltyengine.rules.facts;

import java.util.List;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * The move a POS command attempts on a receipt (SPEC PC-2, PC-5): the rules see it beside the receipt's
 * {@link PosReceipt#status()} and allow it, deciding the receipt's status after it ({@link PosReceiptMoved}),
 * or refuse it. A receipt that does not exist yet has no {@code PosReceipt} fact.
 *
 * @param transition one of {@link #TRANSITIONS}
 */
public record PosReceiptTransition(String receiptId, String transition) {
    public static final String OPEN = "OPEN";
    public static final String ADD_ITEM = "ADD_ITEM";
    public static final String DELETE_ITEM = "DELETE_ITEM";
    public static final String IDENTIFY_CARD = "IDENTIFY_CARD";
    public static final String REMOVE_CARD = "REMOVE_CARD";
    public static final String PAY = "PAY";
    public static final String ABANDON = "ABANDON";
    /** Every move a command may attempt on a receipt. */
    public static final List<String> TRANSITIONS = List.of(OPEN, ADD_ITEM, DELETE_ITEM, IDENTIFY_CARD, REMOVE_CARD,
            PAY, ABANDON);

    public PosReceiptTransition {
        Checks.identifier(receiptId, "receipt id", Limits.IDENTIFIER);
        if (!TRANSITIONS.contains(transition)) {
            throw new InvalidValueException("a receipt transition is one of " + TRANSITIONS + ", was '" + transition + "'");
        }
    }
}

package org.loyaltyengine.rules.facts;

import java.util.List;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/**
 * The result of a command on an existing receipt (SPEC PC-2, PC-5): the move the rules allowed and the
 * status the receipt has after it ({@code OPEN}, {@code PAID} or {@code ABANDONED}). The command saves the
 * receipt in that status; the host reads it as {@code outcome.result(PosReceiptMoved.class)}.
 */
public record PosReceiptMoved(String receiptId, String transition, String status) {
    /** The statuses a receipt can have. */
    public static final List<String> STATUSES = List.of("OPEN", "PAID", "ABANDONED");

    public PosReceiptMoved {
        Checks.identifier(receiptId, "receipt id", Limits.IDENTIFIER);
        if (!PosReceiptTransition.TRANSITIONS.contains(transition)) {
            throw new InvalidValueException("a receipt transition is one of " + PosReceiptTransition.TRANSITIONS
                    + ", was '" + transition + "'");
        }
        if (!STATUSES.contains(status)) {
            throw new InvalidValueException("a receipt status is one of " + STATUSES + ", was '" + status + "'");
        }
    }
}

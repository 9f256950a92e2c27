package org.loyaltyengine;

import org.loyaltyengine.spi.LoyaltyException;

/**
 * A defect of the engine, never of the request: a command that writes under a key it did not lock, a
 * write the pipeline does not know, a document handed to the reader of another type, a product asked for
 * that the command did not read, or a rule set that lets a command through without deciding the result
 * the command must apply (a settlement's amount, a card's mode, a receipt's status). Nothing is written
 * (the transaction rolls back); the message names the defect for a bug report. Code
 * {@code INTERNAL_DEFECT}, whatever the path, so a host tells it from bad input and infrastructure faults
 * without parsing messages.
 */
public final class InternalDefectException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    /** The stable code of every internal defect. */
    public static final String CODE = "INTERNAL_DEFECT";

    public InternalDefectException(String defect) {
        super(CODE, defect);
    }

    public InternalDefectException(String defect, Throwable cause) {
        super(CODE, defect, cause);
    }
}

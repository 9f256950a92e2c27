package org.loyaltyengine;

import java.io.IOException;

import org.loyaltyengine.spi.LoyaltyException;

/**
 * Reading a file the host handed in (a CSV import) or writing to a writer the host handed in (an
 * export) failed in the host's stream itself. Nothing of the command that was reading was applied
 * beyond the rows it reports; the host may retry with a stream that works.
 */
public final class IoFailedException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    public IoFailedException(String what, IOException cause) {
        super("IO_FAILED", what + " failed: " + cause.getMessage(), cause);
    }
}

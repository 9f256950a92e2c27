package org.loyaltyengine.customers.internal;

import org.loyaltyengine.spi.LoyaltyException;

/**
 * An import row found its number held by another customer than the one the import looked up and the
 * row locked: a concurrent command took or gave up the number in between. Thrown while the row loads,
 * so nothing of it is written or stored; the import looks the holder up again and submits the row
 * once more, and reports it as a rejected row ({@code CONCURRENT_CHANGE}) only if that keeps happening.
 */
final class NumberMovedException extends LoyaltyException {
    private static final long serialVersionUID = 1L;
    private final String holder;

    NumberMovedException(int line, String number, String holder) {
        super("CONCURRENT_CHANGE", "line " + line + ": customer number " + number
                + " changed hands while the row was imported; import the file again to import this row");
        this.holder = holder;
    }

    /** The customer holding the number as the row found it. */
    String holder() {
        return holder;
    }
}

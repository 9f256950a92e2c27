package org.loyaltyengine.spi;

import java.util.Map;

/** Program settings of a tenant (rates, thresholds, switches), as named values the rules read. */
public interface Settings {
    /**
     * The settings of a program as they are now; empty when none were stored. A caller that will put
     * them holds their lock ({@link LockKey#settings}) before it reads.
     */
    Map<String, String> of(String program);

    /**
     * Replaces the settings of a program. Callers typically put values made from what {@link #of}
     * returned; when another transaction changed the program's settings after this one read them, the
     * store must not overwrite that change: it re-runs the work (as for any transient conflict), which
     * then reads the other transaction's settings.
     *
     * <p>Settings decided on from the program's accounts ({@link Accounts#ofProgram}: the customer
     * card's currency changes only while no card has an account) are put under the program-wide key
     * under which those accounts are opened, so a put and an opening run one after the other.
     */
    void put(String program, Map<String, String> values);
}

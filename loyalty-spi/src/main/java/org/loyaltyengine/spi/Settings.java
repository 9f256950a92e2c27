package org.loyaltyengine.spi;

import java.util.Map;

/** Program settings of a tenant (rates, thresholds, switches), as named values the rules read. */
public interface Settings {
    /**
     * The settings of a program; empty when none were stored. Within one transaction every read finds
     * the same settings (or this transaction's own): when another transaction changed them since this
     * one first read them, the store re-runs the work rather than let it decide on both.
     */
    Map<String, String> of(String program);

    /**
     * Replaces the settings of a program. Callers typically put values made from what {@link #of}
     * returned; when another transaction changed the program's settings after this one read them, the
     * store must not overwrite that change: it re-runs the work (as for any transient conflict), which
     * then reads the other transaction's settings.
     */
    void put(String program, Map<String, String> values);
}

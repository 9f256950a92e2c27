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
     *
     * <p>Settings may also be decided on from the program's accounts ({@link Accounts#ofProgram}): the
     * customer card's currency changes only while no card has an account. So the store re-runs the work
     * when an account of the program was opened since this transaction listed them, and an account is
     * opened only under its program's settings as the opening transaction read them (see
     * {@link Accounts#open}); a put and an opening of the same program therefore run one after the other.
     */
    void put(String program, Map<String, String> values);
}

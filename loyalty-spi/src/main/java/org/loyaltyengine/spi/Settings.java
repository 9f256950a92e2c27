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
     * Replaces the settings of a program, compare-and-set: only if they are still {@code read}, what
     * the caller found through {@link #of} (empty: none, or none stored). A caller that holds the
     * settings' lock and passes what it read under it always matches.
     *
     * <p>Settings decided on from the program's accounts ({@link Accounts#ofProgram}: the customer
     * card's currency changes only while no card has an account) are put under the program-wide key
     * under which those accounts are opened, so a put and an opening run one after the other.
     *
     * @throws StaleWriteException if the settings are not {@code read} any more; nothing is written
     */
    void put(String program, Map<String, String> read, Map<String, String> values);
}

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
     * <p>Settings decided on from the program's accounts ({@link Accounts#ofProgram}: a program's currency
     * changes only while no account is kept in another) are put under the program's settings key
     * ({@link LockKey#settings}), which a command that may open the program's first account of a customer
     * holds too, so a put and such an opening run one after the other.
     *
     * @throws StaleWriteException if the settings are not {@code read} any more; nothing is written
     */
    void put(String program, Map<String, String> read, Map<String, String> values);
}

package org.loyaltyengine.pos.internal;

import java.util.Map;

import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.Configure;
import org.loyaltyengine.rules.facts.PosSettings;
import org.loyaltyengine.spi.InvalidValueException;

/** The program's settings as stored (named values) and as the rules see them; the one place that knows their names. */
final class HoldSettings {
    private static final String HOLD_MINUTES = "holdMinutes";

    private HoldSettings() {
    }

    /** The stored values a configuration writes. */
    static Map<String, String> stored(Configure c) {
        return Map.of(HOLD_MINUTES, Long.toString(c.holdMinutes()));
    }

    /** The settings in force: the stored ones, or the defaults of a program never configured. */
    static PosSettings of(Map<String, String> stored) {
        String minutes = stored.get(HOLD_MINUTES);
        if (minutes == null) {
            return new PosSettings(PosCards.DEFAULT_HOLD_MINUTES);
        }
        // A value stored before the range existed, or by a host straight into its store, is checked
        // like a new one, so it cannot place a reservation that expires before it is made.
        try {
            return new PosSettings(new Configure(Long.parseLong(minutes)).holdMinutes());
        } catch (NumberFormatException | InvalidValueException e) {
            throw new InvalidValueException("the stored POS setting holdMinutes is '" + minutes + "'; it must be between "
                    + Configure.MIN_HOLD_MINUTES + " and " + Configure.MAX_HOLD_MINUTES
                    + " minutes: configure the program again");
        }
    }
}

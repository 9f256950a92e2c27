package org.loyaltyengine.scenarios;

import org.loyaltyengine.spi.LoyaltyException;

/** A scenario file is malformed: an unknown verb, a missing argument, a step that cannot be parsed. */
public class ScenarioException extends LoyaltyException {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super("SCENARIO_INVALID", message);
    }
}

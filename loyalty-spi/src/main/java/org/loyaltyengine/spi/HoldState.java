package org.loyaltyengine.spi;

/** A hold starts PENDING and makes exactly one transition to one of the three terminal states. */
public enum HoldState {
    PENDING, CAPTURED, RELEASED, EXPIRED;

    public boolean isTerminal() {
        return this != PENDING;
    }
}

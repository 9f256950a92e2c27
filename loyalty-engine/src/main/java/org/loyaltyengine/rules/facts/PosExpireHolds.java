package org.loyaltyengine.rules.facts;

/** The sweep that expires reservations past their time. */
public record PosExpireHolds() {
}

package org.loyaltyengine.rules.facts;

/** POS program settings of a tenant: how long a credit reservation on an open receipt lives. */
public record PosSettings(long holdMinutes) {
}

package org.loyaltyengine.rules.facts;

/** Command: an administrative change (settings, a supplier, a customer's participation); {@code what} names it. */
public record PointsAdminChange(String what) {
}

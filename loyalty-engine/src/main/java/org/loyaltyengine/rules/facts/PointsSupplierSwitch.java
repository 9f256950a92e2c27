package org.loyaltyengine.rules.facts;

/**
 * Whether a service line's supplier earns points, as the rules decided it from the supplier's own switch and
 * its tour operator's (tour-operators.drl, SPEC SP-2, SP-20); {@code by} says whose switch it was.
 */
public record PointsSupplierSwitch(String bookingId, String lineId, boolean enabled, String by) {
}

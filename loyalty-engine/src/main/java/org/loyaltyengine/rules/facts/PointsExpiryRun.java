package org.loyaltyengine.rules.facts;

import java.time.LocalDate;

/**
 * A year-end expiry run as the program stored it (SPEC SP-14): its entries name {@code document}, and they
 * expired what was unused at {@code yearEnd}, whatever day the run came on.
 */
public record PointsExpiryRun(String document, int year, LocalDate yearEnd) {
}

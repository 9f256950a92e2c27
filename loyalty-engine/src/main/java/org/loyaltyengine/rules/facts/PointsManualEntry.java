package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

/** Command: a manual points entry for a customer, with its note. */
public record PointsManualEntry(String customerId, BigDecimal points, String note) {
}

package org.loyaltyengine.rules.facts;

/**
 * A report's question, outside any command: how do the rules count these entries? Answered with a
 * {@link PointsLedgerResult}.
 */
public record PointsLedgerQuery() {
}

package org.loyaltyengine.points;

/**
 * The line names of a booking's payment entries under the names this package used before they were
 * public on {@link SavingsPoints}; the rules classify the entries ({@code rules/savings-points/v1/ledger.drl}).
 */
final class PointsLedger {
    static final String PAYMENT_LINE = SavingsPoints.PAYMENT_LINE;
    static final String REFUND_LINE = SavingsPoints.REFUND_LINE;

    private PointsLedger() {
    }
}

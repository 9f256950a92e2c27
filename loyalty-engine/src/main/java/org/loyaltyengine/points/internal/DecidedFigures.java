package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.util.Optional;

import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PointsBookResult;
import org.loyaltyengine.rules.facts.PointsPaymentResult;
import org.loyaltyengine.rules.facts.PointsPriceChangeResult;
import org.loyaltyengine.rules.facts.PointsRefundResult;
import org.loyaltyengine.spi.Limits;

/**
 * The figures an applied decision writes into a booking: the rules' typed results, or the widest each could be.
 * A command builds its changed booking with the widest while it loads, so a booking the store would refuse
 * is refused before the ledger is written, and again with the rules' values once they decided.
 */
interface DecidedFigures {
    /** The widest figure a ledger column holds: every integer digit and every decimal, negative. */
    BigDecimal WIDEST_FIGURE = new BigDecimal("-" + "9".repeat(Limits.MAX_INTEGER_DIGITS) + "."
            + "9".repeat(Limits.MAX_SCALE));

    /** The widest of every figure. */
    DecidedFigures WIDEST = new DecidedFigures() {
        @Override
        public BigDecimal points(String lineId) {
            return WIDEST_FIGURE;
        }

        @Override
        public BigDecimal valueRefunded() {
            return WIDEST_FIGURE;
        }

        @Override
        public String pointsPaid() {
            return WIDEST_FIGURE.toPlainString();
        }

        @Override
        public BigDecimal pointValue() {
            return WIDEST_FIGURE;
        }
    };

    /** A line's points column as the rules decided it; 0 when they decided none. */
    BigDecimal points(String lineId);

    /** The money value of points given back ({@link PointsRefundResult#value()}), or null when none were. */
    BigDecimal valueRefunded();

    /** The points a payment took ({@link PointsPaymentResult#points()}), as the rules decided it. */
    String pointsPaid();

    /** What one point paid in a points payment ({@link PointsPaymentResult#pointValue()}), or null. */
    BigDecimal pointValue();

    /**
     * The figures of a decision's typed results: a booking's {@link PointsBookResult}, a price change's
     * {@link PointsPriceChangeResult}, the {@link PointsRefundResult} of points given back and a payment's
     * {@link PointsPaymentResult}.
     */
    static DecidedFigures of(Decision d) {
        Optional<PointsBookResult> booked = d.resultOf(PointsBookResult.class);
        Optional<PointsPriceChangeResult> repriced = d.resultOf(PointsPriceChangeResult.class);
        Optional<PointsRefundResult> refund = d.resultOf(PointsRefundResult.class);
        Optional<PointsPaymentResult> paid = d.resultOf(PointsPaymentResult.class);
        return new DecidedFigures() {
            @Override
            public BigDecimal points(String lineId) {
                return repriced.filter(r -> r.lineId().equals(lineId)).map(PointsPriceChangeResult::points)
                        .or(() -> booked.map(b -> b.linePoints().get(lineId)))
                        .orElse(BigDecimal.ZERO);
            }

            @Override
            public BigDecimal valueRefunded() {
                return refund.map(PointsRefundResult::value).orElse(null);
            }

            @Override
            public String pointsPaid() {
                return paid.map(p -> p.points().toPlainString()).orElse(null);
            }

            @Override
            public BigDecimal pointValue() {
                return paid.map(PointsPaymentResult::pointValue).orElse(null);
            }
        };
    }
}

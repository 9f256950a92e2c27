package org.loyaltyengine.points.internal;

import java.math.BigDecimal;

import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Limits;

/**
 * The figures an applied decision writes into a booking: the rules' values, or the widest each could be.
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
    };

    /** A line's points column as the rules decided it ({@code points.<line>}); 0 when they decided none. */
    BigDecimal points(String lineId);

    /** The money value of points given back ({@code valueRefunded}), or null when none were. */
    BigDecimal valueRefunded();

    /** The points a payment took ({@code pointsPaid}), as the rules wrote it. */
    String pointsPaid();

    static DecidedFigures of(Decision d) {
        return new DecidedFigures() {
            @Override
            public BigDecimal points(String lineId) {
                String v = d.valueOf("points." + lineId);
                return v == null ? BigDecimal.ZERO : new BigDecimal(v);
            }

            @Override
            public BigDecimal valueRefunded() {
                String v = d.valueOf("valueRefunded");
                return v == null ? null : new BigDecimal(v);
            }

            @Override
            public String pointsPaid() {
                return d.valueOf("pointsPaid");
            }
        };
    }
}

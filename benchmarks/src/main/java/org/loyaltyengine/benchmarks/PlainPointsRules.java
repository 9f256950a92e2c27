package org.loyaltyengine.benchmarks;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

import org.loyaltyengine.rules.facts.CommandInfo;
import org.loyaltyengine.rules.facts.PointsAccount;
import org.loyaltyengine.rules.facts.PointsBook;
import org.loyaltyengine.rules.facts.PointsServiceLine;
import org.loyaltyengine.rules.facts.PointsSettings;
import org.loyaltyengine.spi.EntryKind;

/**
 * The plain-Java baseline of {@code savings-points.book} for {@link ProgramDecisionBenchmark}: what
 * {@code rules/savings-points/v1} decide for a booking of a customer with no points entries yet, over the same
 * facts. Every rule that can fire for such a booking is here: the supplier's switch, the five rates by
 * precedence, the points (base amount, rounding factor, typed-in figure, disabled supplier, no rate), the
 * refusals (negative points, a booking id taken), the points column, the entries, the customer outside the plan,
 * and the derived figures the other rules read (the line's totals, the customer's points, availability, the
 * ledger's answer). A customer's earlier entries would bring the ledger's classification rules in, which this
 * baseline does not model: it refuses such facts rather than decide something else.
 */
final class PlainPointsRules {
    private PlainPointsRules() {
    }

    static DecisionScenario.Verdict book(List<Object> facts) {
        DecisionScenario.PlainDecision d = new DecisionScenario.PlainDecision(facts, PointsBook.class,
                PointsServiceLine.class, PointsSettings.class, PointsAccount.class, CommandInfo.class);
        PointsBook book = DecisionScenario.one(facts, PointsBook.class);
        PointsSettings s = DecisionScenario.one(facts, PointsSettings.class);
        PointsAccount customer = DecisionScenario.one(facts, PointsAccount.class);
        // The customer's figures over no entries (ledger.drl), then what is spendable (payment.drl).
        d.fired("the ledger as the program counts it");
        d.fired("a customer's points: what was earned in the command's year, and credited before it and in it");
        d.fired(s.directlyAvailable() ? "availability: points are spendable in the year they are earned"
                : "availability: points earned this year are spendable from 1 January next year");
        if (book.exists()) {
            d.reject("a booking id is used once", "BOOKING_EXISTS");
        }
        if (customer.optedOut()) {
            d.notice("a customer outside the savings plan earns nothing", "NOT_IN_SAVINGS_PLAN");
        } else {
            // Fires over every computed line, none included.
            d.fired("points column of a new booking");
        }
        for (PointsServiceLine l : DecisionScenario.all(facts, PointsServiceLine.class)) {
            Boolean enabled = l.supplierEnabled();
            if (enabled != null) {
                d.fired("switch: the supplier's own");
            } else if (l.operatorEnabled() != null) {
                d.fired("switch: the tour operator's, for a supplier that sets none");
                enabled = l.operatorEnabled();
            } else {
                continue;
            }
            d.fired("a service line holds what its entries earned, and what of it expired");
            if (!l.pricing()) {
                continue;
            }
            BigDecimal points = points(d, l, enabled, s);
            if (points == null) {
                continue;
            }
            if (points.signum() < 0 && !s.negativePointsAllowed() && !customer.optedOut()) {
                d.reject("negative points need the setting", "NEGATIVE_POINTS_NOT_ALLOWED");
            }
            if (points.signum() != 0 && !customer.optedOut()) {
                d.fired("each line earns its points");
                d.post(customer.account(), EntryKind.EARN, points);
            }
        }
        return d.verdict();
    }

    /** A line's points as earning.drl computes them; null when no rule computes any. */
    private static BigDecimal points(DecisionScenario.PlainDecision d, PointsServiceLine l, boolean enabled,
                                     PointsSettings s) {
        if (!enabled) {
            d.fired("points: a supplier not enabled for points earns nothing");
            return BigDecimal.ZERO.setScale(2);
        }
        if (l.manualPoints() != null) {
            d.fired("points: the figure typed in the points column");
            return l.manualPoints().setScale(2);
        }
        BigDecimal rate;
        if (l.productRate() != null) {
            d.fired("rate: the supplier's structure for the product type");
            rate = l.productRate();
        } else if (l.supplierRate() != null) {
            d.fired("rate: the supplier's own rate");
            rate = l.supplierRate();
        } else if (l.operatorProductRate() != null) {
            d.fired("rate: the tour operator's structure for the product type");
            rate = l.operatorProductRate();
        } else if (l.operatorRate() != null) {
            d.fired("rate: the tour operator's rate");
            rate = l.operatorRate();
        } else if (s.rate() != null) {
            d.fired("rate: the global rate");
            rate = s.rate();
        } else {
            d.fired("points: no rate anywhere earns nothing");
            return BigDecimal.ZERO.setScale(2);
        }
        d.fired("points: price x rate from the base amount, rounded down to the factor");
        BigDecimal points = BigDecimal.ZERO.setScale(2);
        if (s.baseAmount() == null || l.amount().abs().compareTo(s.baseAmount()) >= 0) {
            points = l.amount().multiply(rate).setScale(2, RoundingMode.DOWN);
            if (s.roundingFactor() != null) {
                points = points.divide(s.roundingFactor(), 0, RoundingMode.DOWN).multiply(s.roundingFactor())
                        .setScale(2, RoundingMode.DOWN);
            }
        }
        return points;
    }
}

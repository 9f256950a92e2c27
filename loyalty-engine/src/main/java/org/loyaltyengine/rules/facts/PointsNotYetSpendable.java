package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.loyaltyengine.spi.Checks;

/**
 * The detail of a points payment refused because the points it needs are held but not spendable yet (SPEC
 * SP-13, SP-24): read from the rejected outcome of {@code savings-points.pay-with-points} with
 * {@code outcome.result(PointsNotYetSpendable.class)}.
 *
 * @param pointsNeeded    the points the payment takes
 * @param spendable       the points spendable now, none below zero
 * @param notYetSpendable the points held that are not spendable yet: those earned in {@code earnedIn}
 * @param earnedIn        the year those points were earned in
 * @param spendableFrom   the day they become spendable, 1 January of the next year
 */
public record PointsNotYetSpendable(String customerId, BigDecimal pointsNeeded, BigDecimal spendable,
                                    BigDecimal notYetSpendable, int earnedIn, LocalDate spendableFrom) {
    public PointsNotYetSpendable {
        Checks.notNull(customerId, "customer id");
        Checks.notNull(pointsNeeded, "points needed");
        Checks.notNull(spendable, "points spendable");
        Checks.notNull(notYetSpendable, "points not yet spendable");
        Checks.notNull(spendableFrom, "day they become spendable");
    }
}

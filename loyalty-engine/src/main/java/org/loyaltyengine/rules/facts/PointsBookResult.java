package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.loyaltyengine.spi.Checks;

/**
 * Result of {@code savings-points.book}: the points column of each service line, by line id, as the
 * booking stores it (SPEC SP-1..SP-5). A customer outside the savings plan gets none: their lines hold 0.
 */
public record PointsBookResult(String bookingId, Map<String, BigDecimal> linePoints) {
    public PointsBookResult {
        Checks.notNull(bookingId, "booking id");
        // Sorted, so that two results of one booking print alike.
        linePoints = Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(Checks.notNull(linePoints,
                "line points"))));
    }

    /** The result from the lines' computed points ({@link PointsComputed}), as the rules collected them. */
    public static PointsBookResult of(String bookingId, List<PointsComputed> computed) {
        Map<String, BigDecimal> points = new TreeMap<>();
        for (PointsComputed line : computed) {
            points.put(line.lineId(), line.points());
        }
        return new PointsBookResult(bookingId, points);
    }
}

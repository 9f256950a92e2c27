package org.loyaltyengine.rules.facts;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.loyaltyengine.spi.Checks;

/**
 * The answer to a {@link PointsLedgerQuery}: each entry's class, by its sequence, as the rules counted it.
 * The analysis, the monthly list, the accounting report and a booking's figures read it, so they cannot
 * disagree with what the commands decide on.
 */
public record PointsLedgerResult(Map<Long, PointsEntryClass> classes) {
    public PointsLedgerResult {
        classes = Collections.unmodifiableSortedMap(new TreeMap<>(Map.copyOf(Checks.notNull(classes, "classes"))));
    }

    /** The result from the classified entries, as the rules collected them. */
    public static PointsLedgerResult of(List<PointsEarned> earned, List<PointsUsed> used, List<PointsExpired> expired) {
        Map<Long, PointsEntryClass> classes = new TreeMap<>();
        earned.forEach(e -> classes.put(e.sequence(), PointsEntryClass.EARNED));
        used.forEach(e -> classes.put(e.sequence(), PointsEntryClass.USED));
        expired.forEach(e -> classes.put(e.sequence(), PointsEntryClass.EXPIRED));
        return new PointsLedgerResult(classes);
    }

    /** The class of the entry of {@code sequence}, or null when the rules counted it as none. */
    public PointsEntryClass classOf(long sequence) {
        return classes.get(sequence);
    }
}

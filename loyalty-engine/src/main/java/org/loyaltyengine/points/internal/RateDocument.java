package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Document;

/**
 * A change of the point value, kept with its business date so the accounting report values each entry at
 * the rate of its day (SPEC SP-15, SP-18); the one place that knows its stored form, a {@code points-rate}
 * {@link Document}: id the business date ({@code 2026-04-01}), status {@code IN_FORCE}, attributes
 * {@code pointValue} and {@code user} (who changed it). A second change on one day replaces the first.
 *
 * @param version the version read (0 for none stored yet): saved back as a compare-and-set
 */
record RateDocument(LocalDate date, BigDecimal pointValue, String user, long version) {
    static final String TYPE = "points-rate";

    /** The id of the change made on {@code date}. */
    static String idOn(LocalDate date) {
        return date.toString();
    }

    /** The point value in force from each date on, from every change stored. */
    static TreeMap<LocalDate, BigDecimal> byDate(List<Document> stored) {
        TreeMap<LocalDate, BigDecimal> rates = new TreeMap<>();
        for (Document r : stored) {
            rates.put(r.date(), Checks.parseDecimal(r.attribute("pointValue").orElse(null),
                    "point value of " + r.id()));
        }
        return rates;
    }

    Document toDocument() {
        return new Document(TYPE, idOn(date), null, "IN_FORCE", date, null,
                Map.of("pointValue", pointValue.toPlainString(), "user", user), List.of(), version);
    }
}

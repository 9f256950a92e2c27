package org.loyaltyengine.points.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Document;

/**
 * A tour operator whose suppliers share its settings (SPEC SP-20), typed; the one place that knows its stored
 * form, a {@code points-tour-operator} {@link Document}: id the tour operator's code, status {@code ENABLED} or
 * {@code DISABLED}, date the business date of its last definition, attributes {@code rate} (when it has one),
 * {@code product.<type>} for each product type's rate, and {@code user} (who defined it).
 *
 * @param version the version read (0 for one not stored yet): saved back as a compare-and-set
 */
record TourOperatorDocument(String code, boolean enabled, BigDecimal rate, SortedMap<String, BigDecimal> productRates,
                            LocalDate date, String user, long version) {
    static final String TYPE = "points-tour-operator";
    private static final String PRODUCT = "product.";

    TourOperatorDocument {
        productRates = Collections.unmodifiableSortedMap(new TreeMap<>(productRates));
    }

    static TourOperatorDocument from(Document d) {
        TreeMap<String, BigDecimal> products = new TreeMap<>();
        d.attributes().forEach((k, v) -> {
            if (k.startsWith(PRODUCT)) {
                products.put(k.substring(PRODUCT.length()), Checks.parseDecimal(v, "tour operator " + d.id() + "'s "
                        + k));
            }
        });
        return new TourOperatorDocument(d.id(), "ENABLED".equals(d.status()), d.attribute("rate")
                .map(v -> Checks.parseDecimal(v, "tour operator " + d.id() + "'s rate")).orElse(null), products,
                d.date(), d.attribute("user").orElse(null), d.version());
    }

    /** The rate of one product type, or null when the tour operator has no structure for it. */
    BigDecimal productRate(String productType) {
        return productRates.get(productType);
    }

    /** The tour operator as stored; the constructor of {@link Document} checks it against the input contract. */
    Document toDocument() {
        Map<String, String> attributes = new TreeMap<>();
        if (rate != null) {
            attributes.put("rate", rate.toPlainString());
        }
        productRates.forEach((type, r) -> attributes.put(PRODUCT + type, r.toPlainString()));
        if (user != null) {
            attributes.put("user", user);
        }
        return new Document(TYPE, code, null, enabled ? "ENABLED" : "DISABLED", date, null, attributes, List.of(),
                version);
    }
}

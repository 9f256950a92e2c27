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
 * A supplier as the program keeps it, typed; the one place that knows its stored form, a
 * {@code points-supplier} {@link Document}: id the supplier code, status {@code ENABLED}, {@code DISABLED} or
 * {@code AS_TOUR_OPERATOR} (it says nothing itself, its tour operator decides), date the business date of its
 * last definition, attributes {@code rate} (when it has its own), {@code product.<type>} for each product type's
 * rate, {@code tourOperator} (the code of the tour operator it belongs to, if any) and {@code user} (who defined
 * it).
 *
 * @param enabled null when its tour operator decides
 * @param version the version read (0 for a supplier not stored yet): saved back as a compare-and-set
 */
record SupplierDocument(String code, Boolean enabled, BigDecimal rate, SortedMap<String, BigDecimal> productRates,
                        String tourOperator, LocalDate date, String user, long version) {
    static final String TYPE = "points-supplier";
    private static final String PRODUCT = "product.";
    private static final String AS_TOUR_OPERATOR = "AS_TOUR_OPERATOR";

    SupplierDocument {
        productRates = Collections.unmodifiableSortedMap(new TreeMap<>(productRates));
    }

    static SupplierDocument from(Document d) {
        TreeMap<String, BigDecimal> products = new TreeMap<>();
        d.attributes().forEach((k, v) -> {
            if (k.startsWith(PRODUCT)) {
                products.put(k.substring(PRODUCT.length()), Checks.parseDecimal(v, "supplier " + d.id() + "'s " + k));
            }
        });
        return new SupplierDocument(d.id(), AS_TOUR_OPERATOR.equals(d.status()) ? null : "ENABLED".equals(d.status()),
                d.attribute("rate").map(v -> Checks.parseDecimal(v, "supplier " + d.id() + "'s rate")).orElse(null),
                products, d.attribute("tourOperator").orElse(null), d.date(), d.attribute("user").orElse(null),
                d.version());
    }

    /** The rate of one product type, or null when the supplier has no structure for it. */
    BigDecimal productRate(String productType) {
        return productRates.get(productType);
    }

    /** The supplier as stored; the constructor of {@link Document} checks it against the input contract. */
    Document toDocument() {
        Map<String, String> attributes = new TreeMap<>();
        if (rate != null) {
            attributes.put("rate", rate.toPlainString());
        }
        productRates.forEach((type, r) -> attributes.put(PRODUCT + type, r.toPlainString()));
        if (tourOperator != null) {
            attributes.put("tourOperator", tourOperator);
        }
        if (user != null) {
            attributes.put("user", user);
        }
        String status = enabled == null ? AS_TOUR_OPERATOR : enabled ? "ENABLED" : "DISABLED";
        return new Document(TYPE, code, null, status, date, null, attributes, List.of(), version);
    }
}

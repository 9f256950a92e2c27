package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.rules.facts.CardProductPeriod;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;

/**
 * The catalogue products a command's lines name, each read once: every product sold must be in the
 * catalogue, non-eligible ones included, so an unknown product is an input error
 * ({@code NO_SUCH_PRODUCT}), never silently "not eligible".
 */
final class Catalogue {
    private final Map<String, Document> products;

    private Catalogue(Map<String, Document> products) {
        this.products = products;
    }

    /** Reads the products in the order given; the first one missing is refused. */
    static Catalogue of(StoreView view, Iterable<String> products) {
        Map<String, Document> read = new LinkedHashMap<>();
        for (String product : products) {
            if (!read.containsKey(product)) {
                read.put(product, view.document(CardDocuments.PRODUCT, product)
                        .orElseThrow(() -> new NoSuchEntityException("product", product)));
            }
        }
        return new Catalogue(java.util.Collections.unmodifiableMap(read));
    }

    /**
     * Every validity period of every product read, as the rules see them: which one is in force on a
     * sale's date is theirs to decide.
     */
    List<CardProductPeriod> periods() {
        List<CardProductPeriod> periods = new ArrayList<>();
        for (Document doc : products.values()) {
            for (DocumentLine period : doc.lines()) {
                periods.add(new CardProductPeriod(doc.id(), LocalDate.parse(period.lineId()),
                        Boolean.parseBoolean(period.attribute("eligible").orElse("false")),
                        period.attribute("percent").map(BigDecimal::new).orElse(null)));
            }
        }
        return periods;
    }
}

package org.loyaltyengine.card.internal;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.StoreView;
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
        return new Catalogue(Map.copyOf(read));
    }

    /** The product's validity period in force on {@code date}: the latest one starting on or before it. */
    Optional<DocumentLine> periodAt(String product, LocalDate date) {
        Document doc = products.get(product);
        if (doc == null) {
            // A defect of the command: it must read every product its facts name.
            throw new InternalDefectException("product " + product + " was not read");
        }
        DocumentLine inForce = null;
        for (DocumentLine period : doc.lines()) {
            if (!LocalDate.parse(period.lineId()).isAfter(date)
                    && (inForce == null || period.lineId().compareTo(inForce.lineId()) > 0)) {
                inForce = period;
            }
        }
        return Optional.ofNullable(inForce);
    }
}

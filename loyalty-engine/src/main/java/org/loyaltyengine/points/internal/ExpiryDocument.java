package org.loyaltyengine.points.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.PointsExpiryRun;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * A year-end expiry run (SPEC SP-14), the one place that knows its stored form, a {@code points-expiry}
 * {@link Document}: id {@code expiry-<year>}, the id the run's ledger entries name; status {@code RUN}; date
 * the year end it closed; attributes {@code ranOn} (the business date of the first run) and {@code user}.
 * What an expiry entry settled is read from the run it names (its date), not from the form of its document
 * id, so the rules see it as a typed {@link PointsExpiryRun}.
 *
 * @param version the version read (0 for none stored yet)
 */
record ExpiryDocument(int year, LocalDate ranOn, String user, long version) {
    static final String TYPE = "points-expiry";

    /** The id of the run for {@code year}, and the document its entries name. */
    static String idOf(int year) {
        return SavingsPoints.EXPIRY_DOCUMENT + year;
    }

    static LockKey lock(int year) {
        return LockKey.document(TYPE, idOf(year));
    }

    static Optional<ExpiryDocument> read(StoreView view, int year) {
        return view.document(TYPE, idOf(year)).map(d -> new ExpiryDocument(d.date().getYear(),
                d.attribute("ranOn").map(LocalDate::parse).orElse(d.date()), d.attribute("user").orElse(null),
                d.version()));
    }

    /** Every stored run as the rules see it. */
    static List<PointsExpiryRun> runs(List<Document> stored) {
        return stored.stream().map(d -> new PointsExpiryRun(d.id(), d.date().getYear(), d.date())).toList();
    }

    Document toDocument() {
        return new Document(TYPE, idOf(year), null, "RUN", LocalDate.of(year, 12, 31), null,
                Map.of("ranOn", ranOn.toString(), "user", user), List.of(), version);
    }
}

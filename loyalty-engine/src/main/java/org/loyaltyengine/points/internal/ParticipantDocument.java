package org.loyaltyengine.points.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.loyaltyengine.spi.Document;

/**
 * Whether a customer takes part in the savings plan, typed; the one place that knows its stored form, a
 * {@code points-participant} {@link Document}: id and owner the customer id, status {@code PARTICIPATING}
 * or {@code OPTED_OUT}, date the business date it was set on, attribute {@code user} (who set it). A
 * customer without one takes part.
 *
 * @param version the version read (0 for none stored yet): saved back as a compare-and-set
 */
record ParticipantDocument(String customerId, boolean takesPart, LocalDate date, String user, long version) {
    static final String TYPE = "points-participant";

    /** Whether the customer opted out, from the document read (empty: never set, so taking part). */
    static boolean optedOut(Optional<Document> stored) {
        return stored.map(d -> "OPTED_OUT".equals(d.status())).orElse(false);
    }

    Document toDocument() {
        return new Document(TYPE, customerId, customerId, takesPart ? "PARTICIPATING" : "OPTED_OUT", date, null,
                Map.of("user", user), List.of(), version);
    }
}

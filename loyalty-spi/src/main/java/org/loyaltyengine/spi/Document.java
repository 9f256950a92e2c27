package org.loyaltyengine.spi;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A business document the engine was told about: a receipt, a consultation, a booking, a sales
 * invoice. Programs keep their document state here (status, attributes, lines) and the engine keeps
 * the history so later decisions (retroactive enrolment, returns) can look back.
 *
 * @param version incremented by the store on each save; a save carrying a stale version is refused
 */
public record Document(String type, String id, String owner, String status, LocalDate date, String currency,
                       Map<String, String> attributes, List<DocumentLine> lines, long version) {
    public Document {
        Checks.identifier(type, "document type", Limits.CODE);
        Checks.identifier(id, "document id", Limits.IDENTIFIER);
        Checks.optionalIdentifier(owner, "document owner", Limits.IDENTIFIER);
        Checks.identifier(status, "document status", Limits.CODE);
        Checks.date(date, "document date");
        Checks.optionalIdentifier(currency, "document currency", Limits.DOCUMENT_CURRENCY);
        attributes = Checks.sortedMap(attributes, "document attributes", Limits.DOCUMENT_TEXT);
        lines = Checks.list(lines, "document lines");
        long text = Checks.textOf(attributes);
        for (DocumentLine l : lines) {
            text += l.lineId().length() + (l.product() == null ? 0 : l.product().length()) + Checks.textOf(l.attributes());
        }
        if (text > Limits.DOCUMENT_TEXT) {
            // Named only when refused: a document is checked on every save and every read of a receipt.
            Checks.recordText(text, "document " + id + "'s attributes and lines", Limits.DOCUMENT_TEXT);
        }
        if (version < 0) {
            throw new InvalidValueException("document version must not be negative");
        }
    }

    public Optional<String> attribute(String name) {
        return Optional.ofNullable(attributes.get(name));
    }

    public Optional<DocumentLine> line(String lineId) {
        return lines.stream().filter(l -> l.lineId().equals(lineId)).findFirst();
    }
}

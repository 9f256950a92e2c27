package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.first;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.Documents;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Limits;

/** The documents of one {@link JpaTransaction}, each saved only from the version it first read. */
final class JpaDocuments extends JpaRepository implements Documents {
    private static final Comparator<Document> DOCUMENT_ORDER = Comparator.comparing(Document::date)
            .thenComparing(Document::id);

    /** The version of each document this transaction first read (0: it read that there was none). */
    private final Map<String, Long> documentVersionsRead = new HashMap<>();

    JpaDocuments(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    private static String documentKey(String type, String id) {
        return type + "\u0000" + id;
    }

    private Document read(Document d) {
        seen(d.type(), d.id(), d.version());
        return d;
    }

    /**
     * Notes the version of a document this transaction first read (0: none), which a save compares
     * with. A later read may find another version: the caller re-reads under the document's lock, and
     * it is that read it decides on and saves from (a save from the first still re-runs, below).
     */
    private void seen(String type, String id, long version) {
        documentVersionsRead.putIfAbsent(documentKey(type, id), version);
    }

    @Override
    public Optional<Document> find(String type, String id) {
        if (!Checks.isIdentifier(type, Limits.CODE) || !Checks.isIdentifier(id, Limits.IDENTIFIER)) {
            return Optional.empty();
        }
        Optional<Document> found = tx.call(() -> first(s.query("select d from DocumentRow d where d.tenant = :t"
                + " and d.type = :y and d.docId = :i", DocumentRow.class).setParameter("y", type)
                .setParameter("i", id)).map(DocumentRow::toDocument));
        found.ifPresentOrElse(this::read, () -> seen(type, id, 0));
        return found;
    }

    @Override
    public Document save(Document document) {
        Checks.notNull(document, "document");
        // The row was not there when this transaction looked: another created it meanwhile.
        Supplier<RuntimeException> createdMeanwhile = () -> new Failures.Retry("document " + document.type()
                + " " + document.id() + " was created meanwhile by another transaction", null);
        return tx.call(() -> {
            Optional<DocumentRow> stored = first(s.query("select d from DocumentRow d where d.tenant = :t"
                    + " and d.type = :y and d.docId = :i", DocumentRow.class).setParameter("y", document.type())
                    .setParameter("i", document.id()).setLockMode(LockModeType.PESSIMISTIC_WRITE));
            stored.ifPresent(r -> s.em.refresh(r, LockModeType.PESSIMISTIC_WRITE));
            long expected = stored.map(r -> r.version).orElse(0L);
            // Compared with the version this transaction FIRST read, not the one the caller passes:
            // a caller may decide on its first read and read again only to learn the version to
            // save from, and that second read would otherwise hide the race (both would create).
            Long read = documentVersionsRead.get(documentKey(document.type(), document.id()));
            if (read != null && read != expected) {
                throw new Failures.Retry("document " + document.type() + " " + document.id() + " was changed"
                        + " by another transaction since this one read it (version " + read + ", now "
                        + expected + ")", null);
            }
            if (document.version() != expected) {
                throw new InvalidValueException("document " + document.type() + " " + document.id()
                        + " was changed meanwhile (version " + expected + ", saved from " + document.version() + ")");
            }
            Document next = new Document(document.type(), document.id(), document.owner(), document.status(),
                    document.date(), document.currency(), document.attributes(), document.lines(), expected + 1);
            if (stored.isPresent()) {
                stored.get().set(next);
            } else {
                s.em.persist(new DocumentRow(s.t, next));
            }
            s.em.flush();
            documentVersionsRead.put(documentKey(next.type(), next.id()), next.version());
            return next;
        }, createdMeanwhile);
    }

    @Override
    public List<Document> list(String type, String owner) {
        if (!Checks.isIdentifier(type, Limits.CODE) || (owner != null && !Checks.isIdentifier(owner, Limits.IDENTIFIER))) {
            return List.of();
        }
        return tx.call(() -> {
            TypedQuery<DocumentRow> q = owner == null
                    ? s.query("select d from DocumentRow d where d.tenant = :t and d.type = :y", DocumentRow.class)
                    : s.query("select d from DocumentRow d where d.tenant = :t and d.type = :y and d.owner = :o",
                    DocumentRow.class).setParameter("o", owner);
            // Sorted here, not in SQL, so that the order is Java's on every database collation.
            return q.setParameter("y", type).getResultList().stream().map(DocumentRow::toDocument)
                    .map(this::read).sorted(DOCUMENT_ORDER).toList();
        });
    }
}

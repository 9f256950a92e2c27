package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.unique;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.Documents;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.StaleWriteException;

/** The documents of one {@link JpaTransaction}, each saved compare-and-set on the version the caller read. */
final class JpaDocuments extends JpaRepository implements Documents {
    private static final Comparator<Document> DOCUMENT_ORDER = Comparator.comparing(Document::date)
            .thenComparing(Document::id);

    JpaDocuments(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    @Override
    public Optional<Document> find(String type, String id) {
        if (!Checks.isIdentifier(type, Limits.CODE) || !Checks.isIdentifier(id, Limits.IDENTIFIER)) {
            return Optional.empty();
        }
        return tx.call(() -> unique(s.query("select d from DocumentRow d where d.tenant = :t"
                + " and d.type = :y and d.docId = :i", DocumentRow.class).setParameter("y", type)
                .setParameter("i", id)).map(DocumentRow::toDocument));
    }

    @Override
    public Document save(Document document) {
        Checks.notNull(document, "document");
        // Saved as new (version 0) while another open transaction was creating it: the unique key waited
        // for that one and refuses the insert; the read "there is none" is stale, as a version would be.
        Supplier<RuntimeException> createdMeanwhile = () -> new StaleWriteException("document " + document.type()
                + " " + document.id() + " was created meanwhile by another transaction (saved from version 0)");
        return tx.call(() -> {
            Optional<DocumentRow> stored = unique(s.query("select d from DocumentRow d where d.tenant = :t"
                    + " and d.type = :y and d.docId = :i", DocumentRow.class).setParameter("y", document.type())
                    .setParameter("i", document.id()).setLockMode(LockModeType.PESSIMISTIC_WRITE));
            stored.ifPresent(r -> s.em.refresh(r, LockModeType.PESSIMISTIC_WRITE));
            long expected = stored.map(r -> r.version).orElse(0L);
            // Compare-and-set on the version the caller read, fresh from the locked row.
            if (document.version() != expected) {
                throw new StaleWriteException("document " + document.type() + " " + document.id()
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
                    .sorted(DOCUMENT_ORDER).toList();
        });
    }
}

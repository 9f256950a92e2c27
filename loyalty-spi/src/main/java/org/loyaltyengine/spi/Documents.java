package org.loyaltyengine.spi;

import java.util.List;
import java.util.Optional;

/** Business documents by type and id. */
public interface Documents {
    /**
     * The document, or empty. Within one transaction every read of a document finds the same version
     * (or this transaction's own save of it): when another transaction changed it since this one first
     * read it, the store re-runs the work rather than let it decide on two versions of one document.
     */
    Optional<Document> find(String type, String id);

    /**
     * Inserts (version 0) or replaces (the stored version) a document.
     *
     * <p>When the document was created or changed by another transaction after this one read it (or
     * read that there was none), the store does not fail the work: it re-runs it (as for any transient
     * conflict), so the work decides again on the other transaction's document, as if the two had run
     * one after the other.
     *
     * @return the document as stored, with its new version
     * @throws InvalidValueException if the document's version is not the stored one and not the one
     *         this transaction read (a save from a stale copy: a lost update)
     */
    Document save(Document document);

    /** Documents of one type, optionally only one owner's (null for all), ordered by date then id. */
    List<Document> list(String type, String owner);
}

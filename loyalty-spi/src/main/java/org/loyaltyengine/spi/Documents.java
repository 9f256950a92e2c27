package org.loyaltyengine.spi;

import java.util.List;
import java.util.Optional;

/** Business documents by type and id. */
public interface Documents {
    /**
     * The document as it is now, or empty. A caller that will save it holds its lock
     * ({@link LockKey#document}) before it reads, so the version read is the one it saves from; a read
     * made before the lock may be followed by one under it that finds a later version.
     */
    Optional<Document> find(String type, String id);

    /**
     * Inserts (version 0) or replaces (the stored version) a document.
     *
     * <p>When the document was created or changed by another transaction after this one read it (or
     * read that there was none), the store does not fail the work: it re-runs it (as for any transient
     * conflict), so the work decides again on the other transaction's document, as if the two had run
     * one after the other. A caller that holds the document's lock ({@link LockKey#document}) and saves
     * at the version it read under it never meets this; the re-run stays for callers that do not lock.
     *
     * @return the document as stored, with its new version
     * @throws InvalidValueException if the document's version is not the stored one and not the one
     *         this transaction read (a save from a stale copy: a lost update)
     */
    Document save(Document document);

    /** Documents of one type, optionally only one owner's (null for all), ordered by date then id. */
    List<Document> list(String type, String owner);
}

package org.loyaltyengine.spi;

import java.util.List;
import java.util.Optional;

/** Business documents by type and id. */
public interface Documents {
    /**
     * The document as it is now, or empty. A caller that will save it holds its lock
     * ({@link LockKey#document}) before it reads, so the version it reads is the one it saves from.
     */
    Optional<Document> find(String type, String id);

    /**
     * Inserts or replaces a document, compare-and-set on {@link Document#version()}: the version the
     * caller read, 0 when it found none. The store writes only if the document is still at that
     * version (absent, for 0), and gives the stored document the next version.
     *
     * <p>The store compares with nothing else: it does not remember what the transaction read before.
     * A caller that holds the document's lock and saves at the version it read under it always matches.
     *
     * @return the document as stored, with its new version
     * @throws StaleWriteException if the document is at another version than the one saved from, or was
     *         created (by a transaction committed or still open) when the save carries 0; nothing is written
     */
    Document save(Document document);

    /** Documents of one type, optionally only one owner's (null for all), ordered by date then id. */
    List<Document> list(String type, String owner);
}

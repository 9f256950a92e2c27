package org.loyaltyengine.spi;

import java.util.Collection;

/**
 * Locks on keys that need not have a row ({@link LockKey}): a document not created yet, a customer
 * number nobody holds yet, a program-wide key. A command's pipeline locks every key whose rows the
 * command may write before it reads them, and holds the locks to the end of the transaction.
 */
public interface Locks {
    /**
     * Locks the keys, in {@link LockKey} order, for the rest of the transaction, waiting for any other
     * transaction that holds one of them. Locking a key this transaction holds already is a no-op.
     *
     * <p>What the transaction reads after this call under a locked key is current as of the lock: a
     * store that caches rows it read earlier must not hand those back.
     */
    void lock(Collection<LockKey> keys);
}

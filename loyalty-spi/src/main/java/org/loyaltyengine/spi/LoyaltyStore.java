package org.loyaltyengine.spi;

import java.util.function.Function;

/**
 * The storage SPI: the only place the library keeps state.
 *
 * <p>Everything runs inside {@link #inTransaction}: the work sees one tenant's repositories, and
 * either all of its writes become visible together or none do. The store enforces the atomic guards
 * itself, whatever the caller checked before:
 * <ul>
 *   <li>an account's available balance (balance - held) never goes below its floor
 *       ({@link FloorViolationException});</li>
 *   <li>a hold makes exactly one terminal transition ({@link Holds#settle}, {@link Holds#capture}
 *       report false / empty to every later attempt);</li>
 *   <li>one outcome per idempotency key ({@link DuplicateKeyException}).</li>
 * </ul>
 *
 * <p>Documents, settings, cards and customers are written compare-and-set against what the caller
 * says it read ({@link Documents#save} by the document's version, {@link Settings#put},
 * {@link Cards#update} and {@link Customers#update} by the state read, inserts by "there was none"):
 * a write whose read another transaction has overtaken is refused ({@link StaleWriteException},
 * {@link DuplicateKeyException}), and the store remembers nothing of what the transaction read. A
 * caller that locks a row's key ({@link Locks}) before it reads, as the engine does, never meets that.
 *
 * <p>A store may run {@code work} more than once when the underlying database reports a transient
 * failure (deadlock, serialization failure, lock timeout, two transactions inserting the same account
 * or lock row at once); the work must therefore have no effects outside the transaction. A store must
 * never turn such a failure into a business rejection.
 *
 * <p>Implementations must pass the conformance suite shipped in the loyalty-testing module
 * ({@code org.loyaltyengine.spi.conformance.LoyaltyStoreConformance}).
 */
public interface LoyaltyStore {

    /**
     * Runs {@code work} in one transaction of {@code tenant}. The transaction commits when work
     * returns normally (unless {@link StoreTransaction#setRollbackOnly()} was called) and rolls
     * back when it throws, rethrowing the exception.
     *
     * @throws InvalidValueException    if tenant or work is null
     * @throws IllegalStoreUseException if a transaction of the tenant is already open on this thread
     *                                  (transactions do not nest), or when a repository is used after
     *                                  its transaction ended
     */
    <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work);
}

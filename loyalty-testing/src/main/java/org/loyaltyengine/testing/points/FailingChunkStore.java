package org.loyaltyengine.testing.points;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcomes;
import org.loyaltyengine.spi.StoreException;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.testing.DelegatingStore;

/**
 * A store that, once armed, fails once in one tenant's transaction that stores the outcome of a key ending in a
 * given suffix (a batch job's chunk, {@code /chunk-2}): before the commit, so that nothing of the transaction is
 * applied, or after it, with the commit's outcome unknown to the caller (a connection lost while the database
 * committed); or, {@link #armRunAgain armed to run it again}, rolls its first run back and runs its work once more
 * on a fresh transaction, as a database store does after a deadlock, the caller none the wiser. Every other
 * transaction, and that one once it has failed, goes through unchanged. One per store under test, so that its
 * engine is built once.
 */
public final class FailingChunkStore extends DelegatingStore {
    private volatile TenantId tenant;
    private volatile String suffix;
    private volatile Failure failure;
    private final AtomicBoolean armed = new AtomicBoolean();

    private enum Failure { BEFORE_COMMIT, AFTER_COMMIT, RUN_AGAIN }

    /** The first run of the work, rolled back whole to be run again. */
    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    public FailingChunkStore(LoyaltyStore delegate) {
        super(delegate);
    }

    /** Fails the next transaction of {@code tenant} that stores an outcome under a key ending in {@code suffix}. */
    public void arm(TenantId tenant, String suffix, boolean afterCommit) {
        arm(tenant, suffix, afterCommit ? Failure.AFTER_COMMIT : Failure.BEFORE_COMMIT);
    }

    /**
     * Runs the work of the next transaction of {@code tenant} that stores an outcome under a key ending in
     * {@code suffix} twice: the first run is rolled back, the second, on a fresh transaction, goes through.
     */
    public void armRunAgain(TenantId tenant, String suffix) {
        arm(tenant, suffix, Failure.RUN_AGAIN);
    }

    private void arm(TenantId tenant, String suffix, Failure failure) {
        this.tenant = tenant;
        this.suffix = suffix;
        this.failure = failure;
        armed.set(true);
    }

    @Override
    public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
        if (!armed.get() || !tenant.equals(this.tenant)) {
            return delegate().inTransaction(tenant, work);
        }
        AtomicBoolean hit = new AtomicBoolean();
        Failure planted = failure;
        T result;
        try {
            result = delegate().inTransaction(tenant, tx -> {
                hit.set(false);
                T r = work.apply(new DelegatingTransaction(tx) {
                    @Override
                    public Outcomes outcomes() {
                        return new DelegatingOutcomes(tx.outcomes()) {
                            @Override
                            public void save(StoredOutcome outcome) {
                                super.save(outcome);
                                if (outcome.key().value().endsWith(suffix)) {
                                    hit.set(true);
                                }
                            }
                        };
                    }
                });
                if (hit.get() && planted != Failure.AFTER_COMMIT && armed.compareAndSet(true, false)) {
                    throw planted == Failure.RUN_AGAIN ? new RolledBack()
                            : StoreException.failed("the connection was lost before the commit (planted)", null);
                }
                return r;
            });
        } catch (RolledBack firstRun) {
            // Rolled back whole: the work once more, on a fresh transaction that holds nothing of the first.
            return delegate().inTransaction(tenant, work);
        }
        if (hit.get() && planted == Failure.AFTER_COMMIT && armed.compareAndSet(true, false)) {
            throw StoreException.commitOutcomeUnknown("the connection was lost during the commit (planted)", null);
        }
        return result;
    }
}

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
 * committed). Every other transaction, and that one once it has failed, goes through unchanged. One per store
 * under test, so that its engine is built once.
 */
public final class FailingChunkStore extends DelegatingStore {
    private volatile TenantId tenant;
    private volatile String suffix;
    private volatile boolean afterCommit;
    private final AtomicBoolean armed = new AtomicBoolean();

    public FailingChunkStore(LoyaltyStore delegate) {
        super(delegate);
    }

    /** Fails the next transaction of {@code tenant} that stores an outcome under a key ending in {@code suffix}. */
    public void arm(TenantId tenant, String suffix, boolean afterCommit) {
        this.tenant = tenant;
        this.suffix = suffix;
        this.afterCommit = afterCommit;
        armed.set(true);
    }

    @Override
    public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
        if (!armed.get() || !tenant.equals(this.tenant)) {
            return delegate().inTransaction(tenant, work);
        }
        AtomicBoolean hit = new AtomicBoolean();
        T result = delegate().inTransaction(tenant, tx -> {
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
            if (hit.get() && !afterCommit && armed.compareAndSet(true, false)) {
                throw StoreException.failed("the connection was lost before the commit (planted)", null);
            }
            return r;
        });
        if (hit.get() && afterCommit && armed.compareAndSet(true, false)) {
            throw StoreException.commitOutcomeUnknown("the connection was lost during the commit (planted)", null);
        }
        return result;
    }
}

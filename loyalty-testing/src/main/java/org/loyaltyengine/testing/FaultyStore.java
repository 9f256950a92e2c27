package org.loyaltyengine.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Customers;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.StoreException;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;

/**
 * A store around any other store that fails the way a database can, for customers with chosen names:
 * it refuses to save a customer named in {@link #refuse} (a typed store failure, nothing written), or
 * commits a transaction that saved a customer named in {@link #loseCommitReply} and then reports the
 * commit's outcome as unknown, once per name, as a connection lost during the commit does.
 */
public final class FaultyStore extends DelegatingStore {
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Set<String> losing = ConcurrentHashMap.newKeySet();

    public FaultyStore(LoyaltyStore delegate) {
        super(delegate);
    }

    /** Saving a customer with this name fails with {@code STORE_FAILED}, always. */
    public FaultyStore refuse(String customerName) {
        refused.add(customerName);
        return this;
    }

    /** The first commit that saved a customer with this name is reported as {@code COMMIT_OUTCOME_UNKNOWN}. */
    public FaultyStore loseCommitReply(String customerName) {
        losing.add(customerName);
        return this;
    }

    @Override
    public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
        String[] lost = new String[1];
        T result = delegate().inTransaction(tenant, tx -> work.apply(new Tx(tx, lost)));
        if (lost[0] != null && losing.remove(lost[0])) {
            throw StoreException.commitOutcomeUnknown("connection lost during the commit (simulated)", null);
        }
        return result;
    }

    private final class Tx extends DelegatingTransaction {
        private final String[] lost;

        Tx(StoreTransaction tx, String[] lost) {
            super(tx);
            this.lost = lost;
        }

        @Override
        public Customers customers() {
            return new DelegatingCustomers(tx.customers()) {
                @Override
                public void insert(Customer customer) {
                    fault(customer);
                    super.insert(customer);
                }

                @Override
                public void update(Customer read, Customer customer) {
                    fault(customer);
                    super.update(read, customer);
                }

                private void fault(Customer customer) {
                    if (refused.contains(customer.name())) {
                        throw StoreException.failed("the database refused customer '" + customer.name()
                                + "' (simulated)", null);
                    }
                    if (losing.contains(customer.name())) {
                        lost[0] = customer.name();
                    }
                }
            };
        }
    }
}

package org.loyaltyengine.testing;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Cards;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Customers;
import org.loyaltyengine.spi.Documents;
import org.loyaltyengine.spi.Holds;
import org.loyaltyengine.spi.Ledger;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcomes;
import org.loyaltyengine.spi.Settings;
import org.loyaltyengine.spi.StoreException;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;

/**
 * A store around any other store that fails the way a database can, for customers with chosen names:
 * it refuses to save a customer named in {@link #refuse} (a typed store failure, nothing written), or
 * commits a transaction that saved a customer named in {@link #loseCommitReply} and then reports the
 * commit's outcome as unknown, once per name, as a connection lost during the commit does.
 */
public final class FaultyStore implements LoyaltyStore {
    private final LoyaltyStore delegate;
    private final Set<String> refused = ConcurrentHashMap.newKeySet();
    private final Set<String> losing = ConcurrentHashMap.newKeySet();

    public FaultyStore(LoyaltyStore delegate) {
        this.delegate = delegate;
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
        T result = delegate.inTransaction(tenant, tx -> work.apply(new Tx(tx, lost)));
        if (lost[0] != null && losing.remove(lost[0])) {
            throw StoreException.commitOutcomeUnknown("connection lost during the commit (simulated)", null);
        }
        return result;
    }

    private final class Tx implements StoreTransaction {
        private final StoreTransaction tx;
        private final String[] lost;

        Tx(StoreTransaction tx, String[] lost) {
            this.tx = tx;
            this.lost = lost;
        }

        @Override
        public TenantId tenant() {
            return tx.tenant();
        }

        @Override
        public Accounts accounts() {
            return tx.accounts();
        }

        @Override
        public Ledger ledger() {
            return tx.ledger();
        }

        @Override
        public Holds holds() {
            return tx.holds();
        }

        @Override
        public Outcomes outcomes() {
            return tx.outcomes();
        }

        @Override
        public Documents documents() {
            return tx.documents();
        }

        @Override
        public Settings settings() {
            return tx.settings();
        }

        @Override
        public Cards cards() {
            return tx.cards();
        }

        @Override
        public org.loyaltyengine.spi.Locks locks() {
            return tx.locks();
        }

        @Override
        public Customers customers() {
            Customers c = tx.customers();
            return new Customers() {
                @Override
                public Optional<Customer> find(String id) {
                    return c.find(id);
                }

                @Override
                public Optional<Customer> findByNumber(String number) {
                    return c.findByNumber(number);
                }

                @Override
                public void save(Customer customer) {
                    if (refused.contains(customer.name())) {
                        throw StoreException.failed("the database refused customer '" + customer.name()
                                + "' (simulated)", null);
                    }
                    if (losing.contains(customer.name())) {
                        lost[0] = customer.name();
                    }
                    c.save(customer);
                }

                @Override
                public java.util.List<Customer> all() {
                    return c.all();
                }
            };
        }

        @Override
        public void setRollbackOnly() {
            tx.setRollbackOnly();
        }

        @Override
        public boolean isRollbackOnly() {
            return tx.isRollbackOnly();
        }
    }
}

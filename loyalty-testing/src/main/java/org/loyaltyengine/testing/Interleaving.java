package org.loyaltyengine.testing;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Cards;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Customers;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.Documents;
import org.loyaltyengine.spi.Holds;
import org.loyaltyengine.spi.Ledger;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcomes;
import org.loyaltyengine.spi.Settings;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.TenantId;

/**
 * A store that lets another command run at a chosen point of a command's transaction, so that a race
 * between two commands happens every time instead of once in a thousand runs. Engine tests build an
 * engine on it and {@link #once arm} it just before the command under test.
 *
 * <p>The other command gets half a second: long enough to commit, or to block on what the first
 * holds (a store that runs a tenant's transactions one at a time makes it wait for the first's
 * commit). On a machine too loaded for that, a test proves less but cannot fail wrongly: the other
 * command then simply runs after the first.
 */
public final class Interleaving implements LoyaltyStore {
    /** Where in the transaction the other command runs. */
    public enum Point {
        /** Right after the transaction listed rows: documents by type, all customers, a program's accounts. */
        AFTER_LIST,
        /** Right before the transaction locks its accounts, after it read what told it which ones. */
        BEFORE_LOCK,
        /** Right after the transaction replaced a program's settings, which a store may keep locked to the commit. */
        AFTER_SETTINGS_PUT
    }

    private record Armed(Point point, Callable<?> theirs, CompletableFuture<Object> done) {
    }

    private final LoyaltyStore store;
    private final AtomicReference<Armed> armed = new AtomicReference<>();

    public Interleaving(LoyaltyStore store) {
        this.store = store;
    }

    /**
     * Runs {@code theirs} on another thread the next time any transaction reaches {@code point}.
     *
     * @return what theirs returned, once it ran
     */
    @SuppressWarnings("unchecked")
    public <T> Future<T> once(Point point, Callable<T> theirs) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        if (!armed.compareAndSet(null, new Armed(point, theirs, done))) {
            throw new IllegalStateException("already armed");
        }
        return (Future<T>) (Future<?>) done;
    }

    @Override
    public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
        return store.inTransaction(tenant, tx -> work.apply(new Hooked(tx)));
    }

    private void reached(Point point) {
        Armed a = armed.get();
        if (a == null || a.point() != point || !armed.compareAndSet(a, null)) {
            return;
        }
        Thread other = new Thread(() -> {
            try {
                a.done().complete(a.theirs().call());
            } catch (Throwable e) {
                a.done().completeExceptionally(e);
            }
        }, "interleaved");
        other.setDaemon(true);
        other.start();
        try {
            a.done().get(500, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException waitingForUs) {
            // it goes on once this transaction ends
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException failed) {
            // reported through the future
        }
    }

    /** The transaction as handed out, with the points marked. */
    private final class Hooked implements StoreTransaction {
        private final StoreTransaction tx;

        Hooked(StoreTransaction tx) {
            this.tx = tx;
        }

        @Override
        public TenantId tenant() {
            return tx.tenant();
        }

        @Override
        public Accounts accounts() {
            Accounts a = tx.accounts();
            return new Accounts() {
                @Override
                public Optional<Account> find(AccountKey key) {
                    return a.find(key);
                }

                @Override
                public Account open(AccountKey key, BigDecimal floor) {
                    return a.open(key, floor);
                }

                @Override
                public List<Account> lock(Collection<AccountKey> keys) {
                    reached(Point.BEFORE_LOCK);
                    return a.lock(keys);
                }

                @Override
                public List<Account> ofProgram(String program) {
                    List<Account> listed = a.ofProgram(program);
                    reached(Point.AFTER_LIST);
                    return listed;
                }
            };
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
            Documents d = tx.documents();
            return new Documents() {
                @Override
                public Optional<Document> find(String type, String id) {
                    return d.find(type, id);
                }

                @Override
                public Document save(Document document) {
                    return d.save(document);
                }

                @Override
                public List<Document> list(String type, String owner) {
                    List<Document> listed = d.list(type, owner);
                    reached(Point.AFTER_LIST);
                    return listed;
                }
            };
        }

        @Override
        public Settings settings() {
            Settings s = tx.settings();
            return new Settings() {
                @Override
                public Map<String, String> of(String program) {
                    return s.of(program);
                }

                @Override
                public void put(String program, Map<String, String> values) {
                    s.put(program, values);
                    reached(Point.AFTER_SETTINGS_PUT);
                }
            };
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
                    c.save(customer);
                }

                @Override
                public List<Customer> all() {
                    List<Customer> listed = c.all();
                    reached(Point.AFTER_LIST);
                    return listed;
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

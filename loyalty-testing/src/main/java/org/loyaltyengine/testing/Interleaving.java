package org.loyaltyengine.testing;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Customers;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.Documents;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Settings;
import org.loyaltyengine.spi.StoreTransaction;

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
public final class Interleaving extends DelegatingStore {
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

    private final AtomicReference<Armed> armed = new AtomicReference<>();

    public Interleaving(LoyaltyStore store) {
        super(store);
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
    protected StoreTransaction transaction(StoreTransaction tx) {
        return new Hooked(tx);
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
    private final class Hooked extends DelegatingTransaction {
        Hooked(StoreTransaction tx) {
            super(tx);
        }

        @Override
        public Accounts accounts() {
            return new DelegatingAccounts(tx.accounts()) {
                @Override
                public List<Account> lock(Collection<AccountKey> keys) {
                    reached(Point.BEFORE_LOCK);
                    return super.lock(keys);
                }

                @Override
                public List<Account> ofProgram(String program) {
                    List<Account> listed = super.ofProgram(program);
                    reached(Point.AFTER_LIST);
                    return listed;
                }

                @Override
                public List<Account> ofProgram(String program, AccountKey after, int limit) {
                    List<Account> listed = super.ofProgram(program, after, limit);
                    reached(Point.AFTER_LIST);
                    return listed;
                }
            };
        }

        @Override
        public Documents documents() {
            return new DelegatingDocuments(tx.documents()) {
                @Override
                public List<Document> list(String type, String owner) {
                    List<Document> listed = super.list(type, owner);
                    reached(Point.AFTER_LIST);
                    return listed;
                }
            };
        }

        @Override
        public Settings settings() {
            return new DelegatingSettings(tx.settings()) {
                @Override
                public void put(String program, Map<String, String> read, Map<String, String> values) {
                    super.put(program, read, values);
                    reached(Point.AFTER_SETTINGS_PUT);
                }
            };
        }

        @Override
        public Customers customers() {
            return new DelegatingCustomers(tx.customers()) {
                @Override
                public List<Customer> all() {
                    List<Customer> listed = super.all();
                    reached(Point.AFTER_LIST);
                    return listed;
                }
            };
        }
    }
}

package org.loyaltyengine.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Cards;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Customers;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.Documents;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.Holds;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.Ledger;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Locks;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcomes;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.Settings;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;

/**
 * A store around any other store that hands every call on unchanged: the base of test stores that
 * change a few calls of a transaction (fail them, count them, run another command in between) and
 * must pass all the others through. A subclass overrides {@link #transaction} to hand out its own
 * {@link DelegatingTransaction}, which in turn hands out repositories that extend the delegating ones
 * here and override only the calls they are about. Every SPI method is forwarded in this one class,
 * so a method added to the SPI is added here once rather than in each test store.
 */
public abstract class DelegatingStore implements LoyaltyStore {
    private final LoyaltyStore delegate;

    protected DelegatingStore(LoyaltyStore delegate) {
        if (delegate == null) {
            throw new IllegalArgumentException("a delegating store needs the store it delegates to");
        }
        this.delegate = delegate;
    }

    /** The store every call goes on to. */
    protected final LoyaltyStore delegate() {
        return delegate;
    }

    @Override
    public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
        return delegate.inTransaction(tenant, tx -> work.apply(transaction(tx)));
    }

    /** The transaction the work sees for the delegate's {@code tx}; the delegate's own unless overridden. */
    protected StoreTransaction transaction(StoreTransaction tx) {
        return tx;
    }

    /** A transaction that hands every call on to another one. */
    public static class DelegatingTransaction implements StoreTransaction {
        protected final StoreTransaction tx;

        public DelegatingTransaction(StoreTransaction tx) {
            this.tx = tx;
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
        public org.loyaltyengine.spi.CommandLog commandLog() {
            return tx.commandLog();
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
        public Customers customers() {
            return tx.customers();
        }

        @Override
        public Locks locks() {
            return tx.locks();
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

    public static class DelegatingAccounts implements Accounts {
        private final Accounts accounts;

        public DelegatingAccounts(Accounts accounts) {
            this.accounts = accounts;
        }

        @Override
        public Optional<Account> find(AccountKey key) {
            return accounts.find(key);
        }

        @Override
        public Account open(AccountKey key, BigDecimal floor) {
            return accounts.open(key, floor);
        }

        @Override
        public List<Account> lock(Collection<AccountKey> keys) {
            return accounts.lock(keys);
        }

        @Override
        public List<Account> ofProgram(String program) {
            return accounts.ofProgram(program);
        }

        @Override
        public List<Account> ofProgram(String program, AccountKey after, int limit) {
            return accounts.ofProgram(program, after, limit);
        }
    }

    public static class DelegatingLedger implements Ledger {
        private final Ledger ledger;

        public DelegatingLedger(Ledger ledger) {
            this.ledger = ledger;
        }

        @Override
        public LedgerEntry append(LedgerEntry entry) {
            return ledger.append(entry);
        }

        @Override
        public List<LedgerEntry> entries(AccountKey account) {
            return ledger.entries(account);
        }

        @Override
        public Map<AccountKey, List<LedgerEntry>> entriesOf(java.util.Collection<AccountKey> accounts) {
            return ledger.entriesOf(accounts);
        }

        @Override
        public List<LedgerEntry> ofDocument(String document) {
            return ledger.ofDocument(document);
        }
    }

    public static class DelegatingHolds implements Holds {
        private final Holds holds;

        public DelegatingHolds(Holds holds) {
            this.holds = holds;
        }

        @Override
        public Hold place(Hold hold) {
            return holds.place(hold);
        }

        @Override
        public Optional<Hold> find(String holdId) {
            return holds.find(holdId);
        }

        @Override
        public boolean settle(String holdId, HoldState to, Instant at, String by, RuleRef rule) {
            return holds.settle(holdId, to, at, by, rule);
        }

        @Override
        public Optional<LedgerEntry> capture(String holdId, LedgerEntry entry, Instant at) {
            return holds.capture(holdId, entry, at);
        }

        @Override
        public List<Hold> pending(AccountKey account) {
            return holds.pending(account);
        }

        @Override
        public List<Hold> ofDocument(String document) {
            return holds.ofDocument(document);
        }

        @Override
        public List<Hold> expiredBy(Instant now) {
            return holds.expiredBy(now);
        }
    }

    public static class DelegatingOutcomes implements Outcomes {
        private final Outcomes outcomes;

        public DelegatingOutcomes(Outcomes outcomes) {
            this.outcomes = outcomes;
        }

        @Override
        public Optional<StoredOutcome> find(IdempotencyKey key) {
            return outcomes.find(key);
        }

        @Override
        public void save(StoredOutcome outcome) {
            outcomes.save(outcome);
        }

        @Override
        public List<StoredOutcome> all() {
            return outcomes.all();
        }
    }

    public static class DelegatingDocuments implements Documents {
        private final Documents documents;

        public DelegatingDocuments(Documents documents) {
            this.documents = documents;
        }

        @Override
        public Optional<Document> find(String type, String id) {
            return documents.find(type, id);
        }

        @Override
        public Document save(Document document) {
            return documents.save(document);
        }

        @Override
        public List<Document> list(String type, String owner) {
            return documents.list(type, owner);
        }
    }

    public static class DelegatingSettings implements Settings {
        private final Settings settings;

        public DelegatingSettings(Settings settings) {
            this.settings = settings;
        }

        @Override
        public Map<String, String> of(String program) {
            return settings.of(program);
        }

        @Override
        public void put(String program, Map<String, String> read, Map<String, String> values) {
            settings.put(program, read, values);
        }
    }

    public static class DelegatingCards implements Cards {
        private final Cards cards;

        public DelegatingCards(Cards cards) {
            this.cards = cards;
        }

        @Override
        public Optional<Card> find(String number) {
            return cards.find(number);
        }

        @Override
        public void insert(Card card) {
            cards.insert(card);
        }

        @Override
        public void update(Card read, Card card) {
            cards.update(read, card);
        }

        @Override
        public List<Card> all() {
            return cards.all();
        }
    }

    public static class DelegatingCustomers implements Customers {
        private final Customers customers;

        public DelegatingCustomers(Customers customers) {
            this.customers = customers;
        }

        @Override
        public Optional<Customer> find(String id) {
            return customers.find(id);
        }

        @Override
        public Optional<Customer> findByNumber(String number) {
            return customers.findByNumber(number);
        }

        @Override
        public void insert(Customer customer) {
            customers.insert(customer);
        }

        @Override
        public void update(Customer read, Customer customer) {
            customers.update(read, customer);
        }

        @Override
        public List<Customer> all() {
            return customers.all();
        }
    }

    public static class DelegatingLocks implements Locks {
        private final Locks locks;

        public DelegatingLocks(Locks locks) {
            this.locks = locks;
        }

        @Override
        public void lock(Collection<LockKey> keys) {
            locks.lock(keys);
        }
    }
}

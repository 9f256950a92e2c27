package org.loyaltyengine.testing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Cards;
import org.loyaltyengine.spi.Checks;
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
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcomes;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.Settings;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.StoredOutcome;

/**
 * A store around any other store that writes down every read a transaction makes, by the row (or the
 * set of rows) it reads: {@code document pos-receipt/R1}, {@code card 2001}, {@code account <key>} (a
 * lock reads the account too), {@code hold <id>}, {@code settings pos-card}, {@code pending holds of
 * <key>}. A test {@link #reset}s it, runs one command, and asks how often each row was read, in all or
 * before the transaction's first write (what the command decided on).
 */
public final class CountingStore extends DelegatingStore {
    private final List<String> reads = new ArrayList<>();
    private final List<String> readsBeforeWrite = new ArrayList<>();

    public CountingStore(LoyaltyStore delegate) {
        super(delegate);
    }

    /** Forgets every read counted so far. */
    public synchronized void reset() {
        reads.clear();
        readsBeforeWrite.clear();
    }

    /** How often each row was read since {@link #reset}, by row, in name order. */
    public synchronized Map<String, Integer> reads() {
        return count(reads);
    }

    /** How often each row was read before the first write of its transaction, since {@link #reset}. */
    public synchronized Map<String, Integer> readsBeforeFirstWrite() {
        return count(readsBeforeWrite);
    }

    private static Map<String, Integer> count(List<String> rows) {
        Map<String, Integer> counts = new TreeMap<>();
        rows.forEach(r -> counts.merge(r, 1, Integer::sum));
        return counts;
    }

    @Override
    protected StoreTransaction transaction(StoreTransaction tx) {
        return new Tx(tx);
    }

    // The repositories implement the SPI interfaces themselves rather than extending the delegating
    // ones: a read method added to the SPI then fails to compile here until it is counted.
    private final class Tx extends DelegatingTransaction {
        private boolean written;

        Tx(StoreTransaction tx) {
            super(tx);
        }

        private void read(String row) {
            synchronized (CountingStore.this) {
                reads.add(row);
                if (!written) {
                    readsBeforeWrite.add(row);
                }
            }
        }

        private void write() {
            written = true;
        }

        @Override
        public Accounts accounts() {
            Accounts a = tx.accounts();
            return new Accounts() {
                @Override
                public Optional<Account> find(AccountKey key) {
                    read("account " + key);
                    return a.find(key);
                }

                @Override
                public Account open(AccountKey key, BigDecimal floor) {
                    write();
                    return a.open(key, floor);
                }

                @Override
                public List<Account> lock(Collection<AccountKey> keys) {
                    keys.forEach(k -> read("account " + k));
                    return a.lock(keys);
                }

                @Override
                public List<Account> ofProgram(String program) {
                    read("accounts of " + program);
                    return a.ofProgram(program);
                }

                @Override
                public List<Account> ofProgram(String program, AccountKey after, int limit) {
                    read("accounts of " + program + " after " + after);
                    return a.ofProgram(program, after, limit);
                }
            };
        }

        @Override
        public Ledger ledger() {
            Ledger l = tx.ledger();
            return new Ledger() {
                @Override
                public LedgerEntry append(LedgerEntry entry) {
                    write();
                    return l.append(entry);
                }

                @Override
                public List<LedgerEntry> entries(AccountKey account) {
                    read("entries of " + account);
                    return l.entries(account);
                }

                @Override
                public Map<AccountKey, List<LedgerEntry>> entriesOf(Collection<AccountKey> accounts) {
                    // The same rows as one read of each account's entries, however the store reads them.
                    Checks.accountKeys(accounts).stream().distinct().forEach(k -> read("entries of " + k));
                    return l.entriesOf(accounts);
                }

                @Override
                public List<LedgerEntry> ofDocument(String document) {
                    read("entries of document " + document);
                    return l.ofDocument(document);
                }
            };
        }

        @Override
        public Holds holds() {
            Holds h = tx.holds();
            return new Holds() {
                @Override
                public Hold place(Hold hold) {
                    write();
                    return h.place(hold);
                }

                @Override
                public Optional<Hold> find(String holdId) {
                    read("hold " + holdId);
                    return h.find(holdId);
                }

                @Override
                public boolean settle(String holdId, HoldState to, Instant at, String by, RuleRef rule) {
                    write();
                    return h.settle(holdId, to, at, by, rule);
                }

                @Override
                public Optional<LedgerEntry> capture(String holdId, LedgerEntry entry, Instant at) {
                    write();
                    return h.capture(holdId, entry, at);
                }

                @Override
                public List<Hold> pending(AccountKey account) {
                    read("pending holds of " + account);
                    return h.pending(account);
                }

                @Override
                public List<Hold> ofDocument(String document) {
                    read("holds of document " + document);
                    return h.ofDocument(document);
                }

                @Override
                public List<Hold> expiredBy(Instant now) {
                    read("holds expired by now");
                    return h.expiredBy(now);
                }
            };
        }

        @Override
        public Outcomes outcomes() {
            Outcomes o = tx.outcomes();
            return new Outcomes() {
                @Override
                public Optional<StoredOutcome> find(IdempotencyKey key) {
                    read("outcome " + key.value());
                    return o.find(key);
                }

                @Override
                public void save(StoredOutcome outcome) {
                    write();
                    o.save(outcome);
                }

                @Override
                public List<StoredOutcome> all() {
                    read("outcomes");
                    return o.all();
                }
            };
        }

        @Override
        public Documents documents() {
            Documents d = tx.documents();
            return new Documents() {
                @Override
                public Optional<Document> find(String type, String id) {
                    read("document " + type + "/" + id);
                    return d.find(type, id);
                }

                @Override
                public Document save(Document document) {
                    write();
                    return d.save(document);
                }

                @Override
                public List<Document> list(String type, String owner) {
                    read("documents " + type + " of " + owner);
                    return d.list(type, owner);
                }
            };
        }

        @Override
        public Settings settings() {
            Settings s = tx.settings();
            return new Settings() {
                @Override
                public Map<String, String> of(String program) {
                    read("settings " + program);
                    return s.of(program);
                }

                @Override
                public void put(String program, Map<String, String> read, Map<String, String> values) {
                    write();
                    s.put(program, read, values);
                }
            };
        }

        @Override
        public Cards cards() {
            Cards c = tx.cards();
            return new Cards() {
                @Override
                public Optional<Card> find(String number) {
                    read("card " + number);
                    return c.find(number);
                }

                @Override
                public void insert(Card card) {
                    write();
                    c.insert(card);
                }

                @Override
                public void update(Card read, Card card) {
                    write();
                    c.update(read, card);
                }

                @Override
                public List<Card> all() {
                    read("cards");
                    return c.all();
                }
            };
        }

        @Override
        public Customers customers() {
            Customers c = tx.customers();
            return new Customers() {
                @Override
                public Optional<Customer> find(String id) {
                    read("customer " + id);
                    return c.find(id);
                }

                @Override
                public Optional<Customer> findByNumber(String number) {
                    read("customer number " + number);
                    return c.findByNumber(number);
                }

                @Override
                public void insert(Customer customer) {
                    write();
                    c.insert(customer);
                }

                @Override
                public void update(Customer read, Customer customer) {
                    write();
                    c.update(read, customer);
                }

                @Override
                public List<Customer> all() {
                    read("customers");
                    return c.all();
                }
            };
        }
    }
}

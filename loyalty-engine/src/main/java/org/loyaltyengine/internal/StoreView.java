package org.loyaltyengine.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.StoreTransaction;

/**
 * What a command may read while it loads its context: the store, read-only. A command never sees
 * {@link StoreTransaction}, so it cannot write, lock or commit; the pipeline does all three from what
 * the command declares.
 */
public final class StoreView {
    private final StoreTransaction tx;
    /** What {@link #once} read through this view, by key; made on the first such read. */
    private Map<Object, Object> readOnce;

    StoreView(StoreTransaction tx) {
        this.tx = tx;
    }

    /** A view for reads outside any command (statements, reports, previews). */
    public static StoreView of(StoreTransaction tx) {
        return new StoreView(tx);
    }

    /**
     * What {@code read} gives for {@code key}, read through this view at most once. The pipeline hands a
     * command's {@code keysBeforeLoad} and the {@code load} after it one view, so the load can take what
     * keysBeforeLoad read, under the same keys, rather than read it again. A load again under keys locked after
     * it, and every run of the transaction's work (a store re-runs it after a deadlock, holding nothing of the
     * run before), gets a view of its own, which reads afresh.
     *
     * @param key what was read, by value (a request record)
     */
    public <T> T once(Object key, Class<T> type, Function<StoreView, T> read) {
        if (readOnce == null) {
            readOnce = new HashMap<>();
        }
        Object kept = readOnce.get(key);
        if (kept == null) {
            kept = read.apply(this);
            if (kept == null) {
                // A defect of the command: a read once must give something to keep.
                throw new InternalDefectException("a read once through a store view gave nothing for " + key);
            }
            readOnce.put(key, kept);
        }
        return type.cast(kept);
    }

    public Optional<Document> document(String type, String id) {
        return tx.documents().find(type, id);
    }

    public List<Document> documents(String type, String owner) {
        return tx.documents().list(type, owner);
    }

    public Optional<Card> card(String number) {
        return tx.cards().find(number);
    }

    public List<Card> cards() {
        return tx.cards().all();
    }

    public Map<String, String> settings(String program) {
        return tx.settings().of(program);
    }

    public Optional<Customer> customer(String id) {
        return tx.customers().find(id);
    }

    public Optional<Customer> customerByNumber(String number) {
        return tx.customers().findByNumber(number);
    }

    /** The customers with this e-mail address ({@link org.loyaltyengine.spi.Customers#findByEmail}). */
    public List<Customer> customersByEmail(String email) {
        return tx.customers().findByEmail(email);
    }

    public List<Customer> customers() {
        return tx.customers().all();
    }

    /** A page of the customers by id ({@link org.loyaltyengine.spi.Customers#page}). */
    public List<Customer> customersAfter(String after, int limit) {
        return tx.customers().page(after, limit);
    }

    /** An account as it stands, unlocked: to learn whether it exists, never to decide on its balance. */
    public Optional<Account> account(AccountKey key) {
        return tx.accounts().find(key);
    }

    public List<Account> accountsOf(String program) {
        return tx.accounts().ofProgram(program);
    }

    /** A page of a program's accounts, in the store's page order ({@link org.loyaltyengine.spi.Accounts#ofProgram(String, AccountKey, int)}). */
    public List<Account> accountsOf(String program, AccountKey after, int limit) {
        return tx.accounts().ofProgram(program, after, limit);
    }

    public List<LedgerEntry> entries(AccountKey account) {
        return tx.ledger().entries(account);
    }

    /** The entries of each of these accounts in one read ({@link org.loyaltyengine.spi.Ledger#entriesOf}). */
    public Map<AccountKey, List<LedgerEntry>> entriesOf(java.util.Collection<AccountKey> accounts) {
        return tx.ledger().entriesOf(accounts);
    }

    public List<LedgerEntry> entriesOfDocument(String document) {
        return tx.ledger().ofDocument(document);
    }

    public Optional<Hold> hold(String id) {
        return tx.holds().find(id);
    }

    public List<Hold> pendingHolds(AccountKey account) {
        return tx.holds().pending(account);
    }

    public List<Hold> holdsOfDocument(String document) {
        return tx.holds().ofDocument(document);
    }

    public List<Hold> holdsExpiredBy(java.time.Instant now) {
        return tx.holds().expiredBy(now);
    }
}

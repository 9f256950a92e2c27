package org.loyaltyengine.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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

    StoreView(StoreTransaction tx) {
        this.tx = tx;
    }

    /** A view for reads outside any command (statements, reports, previews). */
    public static StoreView of(StoreTransaction tx) {
        return new StoreView(tx);
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

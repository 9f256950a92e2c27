package org.loyaltyengine.spi;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The accounts of one tenant. Balances move only through {@link Ledger} and {@link Holds}. */
public interface Accounts {
    Optional<Account> find(AccountKey key);

    /**
     * Opens an account with zero balance, or returns the existing one unchanged. The caller holds the
     * account's lock ({@link #lock}) and, when the settings it is named under (a program's currency) may
     * change only while no such account exists, the program's settings key ({@link LockKey#settings}), so
     * neither moves between its read and the opening. (Two transactions
     * opening one account at once without the lock meet on the database's unique key, a transient
     * conflict of the kind {@link LoyaltyStore} describes.)
     *
     * @param floor the lowest available balance allowed, or null for none
     */
    Account open(AccountKey key, BigDecimal floor);

    /**
     * Locks the given accounts, in {@link AccountKey} order, for the rest of the transaction, and
     * returns the current state of those that exist. Commands lock every account they may change
     * before they read it, so concurrent commands never decide on a stale balance.
     *
     * <p>A key whose account is not opened yet is locked all the same (opening nothing): a command on
     * it waits for another command on the same key, since either may open the account, or decide on
     * what the other is changing.
     *
     * <p>Whatever the transaction reads after this call (documents, cards, customers, holds) is
     * current as of the lock: a store that caches rows it read earlier must not hand those back.
     */
    List<Account> lock(Collection<AccountKey> keys);

    /**
     * All accounts of a program as they are now. A caller that decides on the listing holds the key that
     * every first opening of a program's account holds too (the programs shipped use the program's
     * settings key, {@link LockKey#settings}), so it cannot move.
     */
    List<Account> ofProgram(String program);

    /**
     * One page of a program's accounts, for jobs that walk a whole customer base in chunks (keyset
     * pagination): up to {@code limit} accounts that come after {@code after} in an order of the store's own
     * that never changes (the in-memory store's is {@link AccountKey}'s; a database's is its index order under
     * the column's collation). Asking again after the last account of each page lists every account of the
     * program exactly once, however many pages it takes, and each page costs what its own accounts cost, not
     * what the pages before it did. An account opened meanwhile appears on a later page if it sorts after the
     * page being read, and otherwise not.
     *
     * <p>The default lists the whole program and cuts the page out of it: correct for any store, but every page
     * then costs as much as the whole listing. The stores shipped answer each page from their index.
     *
     * @param after the last account of the page before, or null for the first page; an account of another
     *              program is refused
     * @param limit how many accounts at most, from 1 to {@value #MAX_PAGE}
     * @throws InvalidValueException if limit is out of range or after names another program
     */
    default List<Account> ofProgram(String program, AccountKey after, int limit) {
        checkPage(program, after, limit);
        return ofProgram(program).stream().sorted(java.util.Comparator.comparing(Account::key))
                .filter(a -> after == null || a.key().compareTo(after) > 0).limit(limit).toList();
    }

    /** The largest page {@link #ofProgram(String, AccountKey, int)} lists. */
    int MAX_PAGE = 10_000;

    /** Refuses a page request {@link #ofProgram(String, AccountKey, int)} does not answer; for stores that implement it. */
    static void checkPage(String program, AccountKey after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw new InvalidValueException("a page of accounts holds from 1 to " + MAX_PAGE + " accounts, was " + limit);
        }
        if (after != null && !after.program().equals(program)) {
            throw new InvalidValueException("a page of program " + program + "'s accounts cannot continue after "
                    + after + ", an account of another program");
        }
    }
}

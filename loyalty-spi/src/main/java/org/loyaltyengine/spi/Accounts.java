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
}

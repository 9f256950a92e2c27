package org.loyaltyengine.spi;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The accounts of one tenant. Balances move only through {@link Ledger} and {@link Holds}. */
public interface Accounts {
    Optional<Account> find(AccountKey key);

    /**
     * Opens an account with zero balance, or returns the existing one unchanged. An account is named
     * and opened under its program's settings (the customer card's currency): when this transaction
     * read them ({@link Settings#of} with the key's program) and another has changed them since, the
     * store re-runs the work instead of opening it.
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
     * All accounts of a program. Within one transaction a second listing finds the same accounts (with
     * those this transaction opened): otherwise the store re-runs the work.
     */
    List<Account> ofProgram(String program);
}

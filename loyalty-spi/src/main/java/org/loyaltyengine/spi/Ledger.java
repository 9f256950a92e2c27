package org.loyaltyengine.spi;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The append-only ledger. There is no update or delete: a correction is a new entry
 * ({@link EntryKind#REVERSE}).
 */
public interface Ledger {
    /**
     * Appends an entry and moves its account's balance in the same transaction.
     *
     * @return the entry with its assigned sequence number
     * @throws FloorViolationException if a negative amount would take the available balance below
     *                                 the account's floor
     * @throws NoSuchAccountException  if the account was never opened
     */
    LedgerEntry append(LedgerEntry entry);

    /** The entries of one account in the order they were appended. */
    List<LedgerEntry> entries(AccountKey account);

    /**
     * The entries of each of these accounts, each list as {@link #entries} gives it, read at once: a batch job
     * reads a page of accounts' entries in one go, which a database answers in one query rather than one per
     * account. The default asks {@link #entries} for each; a store that can read them together does.
     *
     * @param accounts at most {@link Accounts#MAX_PAGE} keys; one named twice is answered once
     * @return every key asked for, in the order first named, an account without entries (or never opened)
     *         with an empty list
     * @throws InvalidValueException for a null collection, a null key or more than {@link Accounts#MAX_PAGE} keys
     */
    default Map<AccountKey, List<LedgerEntry>> entriesOf(Collection<AccountKey> accounts) {
        Map<AccountKey, List<LedgerEntry>> byAccount = new LinkedHashMap<>();
        for (AccountKey key : Checks.accountKeys(accounts)) {
            byAccount.computeIfAbsent(key, this::entries);
        }
        return byAccount;
    }

    /** Every entry that names the given source document, in append order. */
    List<LedgerEntry> ofDocument(String document);
}

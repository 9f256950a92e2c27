package org.loyaltyengine.spi;

import java.util.List;

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

    /** Every entry that names the given source document, in append order. */
    List<LedgerEntry> ofDocument(String document);
}

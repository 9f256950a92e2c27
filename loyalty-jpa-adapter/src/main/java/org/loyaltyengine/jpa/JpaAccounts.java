package org.loyaltyengine.jpa;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Limits;

/** The accounts of one {@link JpaTransaction}, each row changed only under its lock ({@link JpaShared}). */
final class JpaAccounts extends JpaRepository implements Accounts {
    private final JpaLocks locks;

    JpaAccounts(JpaTransaction tx, JpaShared shared, JpaLocks locks) {
        super(tx, shared);
        this.locks = locks;
    }

    @Override
    public Optional<Account> find(AccountKey key) {
        Checks.notNull(key, "account key");
        return tx.call(() -> Optional.ofNullable(s.row(key)).map(AccountRow::toAccount));
    }

    @Override
    public Account open(AccountKey key, BigDecimal floor) {
        Checks.notNull(key, "account key");
        return tx.call(() -> {
            AccountRow existing = s.row(key);
            if (existing != null) {
                return existing.toAccount();
            }
            Account created = new Account(key, floor, BigDecimal.ZERO, BigDecimal.ZERO);
            AccountRow row = new AccountRow(s.t, created);
            // Another transaction opened it first (two transactions inserting the same unique key; a
            // caller that locked the account with lock() never races here): a re-run finds its row.
            tx.insertOrRerun(row, "account " + key + " was opened concurrently");
            s.trackInserted(row);
            return created;
        });
    }

    @Override
    public List<Account> lock(Collection<AccountKey> keys) {
        Checks.list(new ArrayList<>(Checks.notNull(keys, "account keys")), "account keys");
        return tx.call(() -> {
            // A command reads documents, cards and customers to learn which accounts to lock, waits
            // for the locks, then reads them again to decide. The persistence context would hand back
            // the rows as first read, stale if another command changed them meanwhile; so everything
            // is written out and forgotten here, and what is read after the locks comes fresh.
            s.forgetRows();
            List<Account> out = new ArrayList<>();
            // One global order (AccountKey's), so two commands locking the same accounts never deadlock.
            for (AccountKey key : keys.stream().distinct().sorted().toList()) {
                AccountRow row = s.lockedRow(key);
                if (row == null) {
                    // No account yet, so no row to lock; yet a command on an account not opened yet
                    // must wait for another on the same key as much as one on an open account does
                    // (it may be about to open it, or to change what this one decides on). The key
                    // is locked instead; then the account is looked for again, since the command
                    // this one waited for may have opened it.
                    locks.lockKey(key);
                    row = s.lockedRow(key);
                }
                if (row != null) {
                    out.add(row.toAccount());
                }
            }
            return out;
        });
    }

    @Override
    public List<Account> ofProgram(String program) {
        if (!Checks.isIdentifier(program, Limits.CODE)) {
            return List.of();
        }
        return tx.call(() -> s.programAccounts(program).stream().map(s::track).map(AccountRow::toAccount)
                .sorted(Comparator.comparing(Account::key)).toList());
    }

    @Override
    public List<Account> ofProgram(String program, AccountKey after, int limit) {
        Accounts.checkPage(program, after, limit);
        if (!Checks.isIdentifier(program, Limits.CODE)) {
            return List.of();
        }
        return tx.call(() -> s.programPage(program, after, limit).stream().map(s::track).map(AccountRow::toAccount)
                .toList());
    }
}

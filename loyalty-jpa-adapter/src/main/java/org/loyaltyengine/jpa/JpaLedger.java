package org.loyaltyengine.jpa;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.FloorViolationException;
import org.loyaltyengine.spi.Ledger;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Limits;

/** The ledger of one {@link JpaTransaction}: appended under the account's lock, never changed. */
final class JpaLedger extends JpaRepository implements Ledger {
    JpaLedger(JpaTransaction tx, JpaShared shared) {
        super(tx, shared);
    }

    @Override
    public LedgerEntry append(LedgerEntry entry) {
        Checks.notNull(entry, "entry");
        return tx.call(() -> appendEntry(entry, BigDecimal.ZERO));
    }

    /** Appends under the account's lock; {@code releasedHold} leaves the held amount in the same step (a capture). */
    LedgerEntry appendEntry(LedgerEntry entry, BigDecimal releasedHold) {
        AccountRow row = s.existingLocked(entry.account());
        Account before = row.toAccount();
        Account after = new Account(before.key(), before.floor(), before.balance().add(entry.amount()),
                before.held().subtract(releasedHold));
        if (entry.amount().signum() < 0 && before.hasFloor() && after.available().compareTo(before.floor()) < 0) {
            throw new FloorViolationException(before.key(), before.available(), entry.amount().negate());
        }
        // An entry is never changed: inserted without being kept, or every later flush of the transaction would
        // compare it again (a job appending thousands of entries in one transaction was quadratic in them).
        long seq = s.writeOnce.entry(new EntryRow(s.t, row.id, entry));
        row.set(after);
        s.em.flush();
        return entry.withSequence(seq);
    }

    @Override
    public List<LedgerEntry> entries(AccountKey account) {
        Checks.notNull(account, "account key");
        return tx.call(() -> {
            AccountRow row = s.row(account);
            if (row == null) {
                return List.of();
            }
            // By the account's id alone: the row was found under the tenant, and its id is unique. With the tenant
            // in the query too, PostgreSQL without statistics (a table not analysed yet) ANDed the by-account index
            // with the tenant-led by-document index, reading every entry of the tenant for each account: a
            // year-end job over 40,000 accounts became quadratic.
            return JpaShared.readOnly(s.em.createQuery("select e from EntryRow e where e.accountId = :a"
                    + " order by e.seq", EntryRow.class)).setParameter("a", row.id).getResultList().stream().map(EntryRow::toEntry).toList();
        });
    }

    /** The account ids one query of {@link #entriesOf} names at most: well inside every database's limit on parameters. */
    private static final int IDS_PER_QUERY = 1_000;

    @Override
    public Map<AccountKey, List<LedgerEntry>> entriesOf(Collection<AccountKey> accounts) {
        Collection<AccountKey> keys = Checks.accountKeys(accounts);
        return tx.call(() -> {
            Map<AccountKey, List<LedgerEntry>> byAccount = new LinkedHashMap<>();
            Map<Long, List<LedgerEntry>> byId = new HashMap<>();
            for (AccountKey key : keys) {
                if (byAccount.containsKey(key)) {
                    continue;
                }
                // A batch job read the page these keys came from, so the rows are known and this asks no query.
                AccountRow row = s.row(key);
                List<LedgerEntry> list = row == null ? List.of() : byId.computeIfAbsent(row.id, id -> new ArrayList<>());
                byAccount.put(key, list);
            }
            // By the accounts' ids alone, as entries() reads one account's (the ids are unique across tenants):
            // one query per thousand accounts instead of one per account.
            List<Long> ids = new ArrayList<>(byId.keySet());
            for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
                List<Long> part = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
                for (EntryRow e : JpaShared.readOnly(s.em.createQuery("select e from EntryRow e where e.accountId in :a"
                        + " order by e.seq", EntryRow.class)).setParameter("a", part).getResultList()) {
                    byId.get(e.accountId).add(e.toEntry());
                }
            }
            byAccount.replaceAll((key, list) -> List.copyOf(list));
            return byAccount;
        });
    }

    @Override
    public List<LedgerEntry> ofDocument(String document) {
        if (!Checks.isIdentifier(document, Limits.IDENTIFIER)) {
            return List.of();
        }
        return tx.call(() -> JpaShared.readOnly(s.query("select e from EntryRow e where e.tenant = :t"
                + " and e.document = :d order by e.seq", EntryRow.class)).setParameter("d", document).getResultList().stream().map(EntryRow::toEntry).toList());
    }
}

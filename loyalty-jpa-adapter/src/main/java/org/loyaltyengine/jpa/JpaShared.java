package org.loyaltyengine.jpa;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import jakarta.persistence.TypedQuery;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.NoSuchAccountException;
import org.loyaltyengine.spi.Outcome;

/**
 * What the repositories of one {@link JpaTransaction} share: its EntityManager and tenant, and the
 * account rows it loaded and locked. Nothing else it read is kept: documents, settings, cards and
 * customers are written compare-and-set against what the caller says it read.
 *
 * <p>Account rows change only while this transaction holds their PESSIMISTIC_WRITE lock, so the
 * floor check and the new balance are computed from the committed state and no update is lost at
 * READ COMMITTED. Every account row this transaction loaded is tracked, because a provider hands back
 * the managed instance it already has rather than the fresh row a locking query read; a tracked row is
 * therefore locked by refreshing it.
 */
final class JpaShared {
    static final String BY_KEY = " and r.account.program = :p and r.account.owner = :o"
            + " and r.account.unitKind = :k and r.account.unitCode = :c";

    private static final String READ_ONLY_HINT = "org.hibernate.readOnly";

    final EntityManager em;
    /** The tenant's id, which every query names. */
    final String t;
    /** How the rows written once and never changed are inserted, and an outcome looked up. */
    final WriteOnceRows writeOnce;
    private final Map<AccountKey, AccountRow> accountRows = new HashMap<>();
    private final Set<AccountKey> locked = new HashSet<>();
    private Outcome encodedOutcome;
    private String encodedBody;

    JpaShared(EntityManager em, String tenant, WriteOnceRows writeOnce) {
        this.em = em;
        this.t = tenant;
        this.writeOnce = writeOnce;
        // Every repository writes out what it changed at once (a unique key refuses a twin there, not at
        // commit), so a query never needs the provider's flush before it; in AUTO mode that flush
        // compares every row loaded so far before each query, which made long transactions quadratic.
        em.setFlushMode(FlushModeType.COMMIT);
    }

    <T> TypedQuery<T> query(String jpql, Class<T> type) {
        return em.createQuery(jpql, type).setParameter("t", t);
    }

    /**
     * The row of a unique key, if any. No row limit: a unique key yields one row at most, and a limit
     * ({@code fetch first ? rows only}) let PostgreSQL pick, for a plan cached while the table was empty,
     * a scan of every row of the tenant in id order over the unique index (issue 14).
     */
    static <T> Optional<T> unique(TypedQuery<T> q) {
        List<T> rows = q.getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * A query of rows this transaction only reads and never changes (outcomes, ledger entries, the command
     * log, lock rows): the provider need keep no snapshot of them nor compare them at each flush. The hint is
     * Hibernate's; JPA has providers ignore hints they do not know.
     */
    static <T> TypedQuery<T> readOnly(TypedQuery<T> q) {
        return q.setHint(READ_ONLY_HINT, Boolean.TRUE);
    }

    /**
     * An outcome in its stored form, written once per transaction: the pipeline stores the same outcome in
     * le_outcome and in the command log beside it.
     */
    String encoded(Outcome outcome) {
        if (outcome != encodedOutcome) {
            encodedBody = TextCodec.outcome(outcome);
            encodedOutcome = outcome;
        }
        return encodedBody;
    }

    /** An update or delete by an account key, as {@link #byKey(TypedQuery, AccountKey)} for a select. */
    static Query byKey(Query q, AccountKey key) {
        return q.setParameter("p", key.program()).setParameter("o", key.owner())
                .setParameter("k", key.unit().kind().name()).setParameter("c", key.unit().code());
    }

    static <T> TypedQuery<T> byKey(TypedQuery<T> q, AccountKey key) {
        return q.setParameter("p", key.program()).setParameter("o", key.owner())
                .setParameter("k", key.unit().kind().name()).setParameter("c", key.unit().code());
    }

    /** Writes out what is pending and forgets every row read so far: what is read next comes fresh. */
    void forgetRows() {
        em.flush();
        em.clear();
        accountRows.clear();
        locked.clear();
    }

    // ------------------------------------------------------------------ account rows

    AccountRow track(AccountRow row) {
        accountRows.putIfAbsent(row.key(), row);
        return row;
    }

    /** A row this transaction inserted is invisible to others until commit: it is as good as locked. */
    void trackInserted(AccountRow row) {
        track(row);
        locked.add(row.key());
    }

    /** The account's row as this transaction knows it, or null. */
    AccountRow row(AccountKey key) {
        AccountRow known = accountRows.get(key);
        if (known != null) {
            return known;
        }
        return unique(byKey(query("select r from AccountRow r where r.tenant = :t" + BY_KEY, AccountRow.class), key))
                .map(this::track).orElse(null);
    }

    /** The account's row, locked for the rest of the transaction and fresh from the database; null if absent. */
    AccountRow lockedRow(AccountKey key) {
        AccountRow known = accountRows.get(key);
        if (known != null) {
            if (locked.add(key)) {
                em.refresh(known, LockModeType.PESSIMISTIC_WRITE);
            }
            return known;
        }
        AccountRow row = unique(byKey(query("select r from AccountRow r where r.tenant = :t" + BY_KEY, AccountRow.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE), key)).orElse(null);
        if (row != null) {
            track(row);
            locked.add(key);
        }
        return row;
    }

    AccountRow existingLocked(AccountKey key) {
        AccountRow row = lockedRow(key);
        if (row == null) {
            throw new NoSuchAccountException(key);
        }
        return row;
    }

    List<AccountRow> programAccounts(String program) {
        return query("select r from AccountRow r where r.tenant = :t and r.account.program = :p", AccountRow.class)
                .setParameter("p", program).getResultList();
    }

    /**
     * A page of a program's accounts in the order of the unique key's index (owner, unit kind, unit code under
     * the columns' collation), after the key given: the database walks the index from there, so no page costs
     * what the pages before it did. The comparison is spelt out column by column, since JPQL has no row values;
     * the leading {@code owner >= :o} gives every database the range to seek to.
     */
    List<AccountRow> programPage(String program, AccountKey after, int limit) {
        String order = " order by r.account.owner, r.account.unitKind, r.account.unitCode";
        TypedQuery<AccountRow> q;
        if (after == null) {
            q = query("select r from AccountRow r where r.tenant = :t and r.account.program = :p" + order,
                    AccountRow.class);
        } else {
            q = query("select r from AccountRow r where r.tenant = :t and r.account.program = :p"
                    + " and r.account.owner >= :o and (r.account.owner > :o or (r.account.unitKind > :k"
                    + " or (r.account.unitKind = :k and r.account.unitCode > :c)))" + order, AccountRow.class)
                    .setParameter("o", after.owner()).setParameter("k", after.unit().kind().name())
                    .setParameter("c", after.unit().code());
        }
        return q.setParameter("p", program).setMaxResults(limit).getResultList();
    }
}

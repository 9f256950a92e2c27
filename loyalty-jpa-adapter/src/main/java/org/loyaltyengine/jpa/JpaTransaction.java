package org.loyaltyengine.jpa;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.TypedQuery;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Accounts;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.Cards;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.Customers;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.Documents;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.FloorViolationException;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.Holds;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.IllegalStoreUseException;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.Ledger;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.NoSuchAccountException;
import org.loyaltyengine.spi.Outcomes;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.Settings;
import org.loyaltyengine.spi.Locks;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.Unit;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;

/**
 * One JPA transaction of one tenant and its repositories. Every query names the tenant.
 *
 * <p>Account rows change only while this transaction holds their PESSIMISTIC_WRITE lock, so the
 * floor check and the new balance are computed from the committed state and no update is lost at
 * READ COMMITTED. Hold transitions are a compare-and-set UPDATE whose row count decides the one
 * winner. Every account row this transaction loaded is tracked, because a provider hands back the
 * managed instance it already has rather than the fresh row a locking query read; a tracked row is
 * therefore locked by refreshing it.
 *
 * <p>A command reads, decides, then writes, and at READ COMMITTED another transaction may commit a
 * change to what it read in between. Documents, settings and customers therefore remember what this
 * transaction read; a write that finds the row changed since (or created meanwhile by a transaction
 * this one could not see) is a race the other transaction won, and the work is re-run
 * ({@link Failures.Retry}) so that it decides again on the winner's row, as if the two had run one
 * after the other. The in-memory store gets the same by running a tenant's transactions one at a time.
 */
final class JpaTransaction implements StoreTransaction {
    private final EntityManager em;
    private final TenantId tenant;
    private final String t;
    private final Map<AccountKey, AccountRow> accountRows = new HashMap<>();
    private final Set<AccountKey> locked = new HashSet<>();
    /** The version of each document this transaction first read (0: it read that there was none). */
    private final Map<String, Long> documentVersionsRead = new HashMap<>();
    /** The settings body of each program this transaction first read (null: there were none). */
    private final Map<String, String> settingsRead = new HashMap<>();
    /** The keys of each program's accounts as this transaction first listed them, with those it opened since. */
    private final Map<String, Set<AccountKey>> accountsListed = new HashMap<>();
    /** Each customer this transaction first read by id or number (null: it read that there was none). */
    private final Map<String, Customer> customersRead = new HashMap<>();
    /** Each card this transaction first read (null: it read that there was none). */
    private final Map<String, Card> cardsRead = new HashMap<>();
    /** Every customer by id as this transaction first listed them, with its own saves since; null until it lists them. */
    private Map<String, Customer> customersListed;
    /** Customer and card numbers this transaction looked up and found free ("customer number\0K1"). */
    private final Set<String> numbersReadFree = new HashSet<>();
    private boolean rollbackOnly;
    private boolean closed;
    /** A database error the work may have caught: the transaction is spoiled whatever the work returns. */
    private RuntimeException spoiled;

    JpaTransaction(EntityManager em, TenantId tenant) {
        this.em = em;
        this.tenant = tenant;
        this.t = tenant.value();
    }

    RuntimeException spoiled() {
        return spoiled;
    }

    void close() {
        closed = true;
    }

    @Override
    public TenantId tenant() {
        return tenant;
    }

    @Override
    public Accounts accounts() {
        return accounts;
    }

    @Override
    public Ledger ledger() {
        return ledger;
    }

    @Override
    public Holds holds() {
        return holds;
    }

    @Override
    public Outcomes outcomes() {
        return outcomes;
    }

    @Override
    public Documents documents() {
        return documents;
    }

    @Override
    public Settings settings() {
        return settings;
    }

    @Override
    public Cards cards() {
        return cards;
    }

    @Override
    public Customers customers() {
        return customers;
    }

    @Override
    public Locks locks() {
        return keys -> {
            Checks.list(new ArrayList<>(Checks.notNull(keys, "lock keys")), "lock keys");
            call(() -> {
                // Written out and forgotten, as for accounts: rows read after the lock must come fresh.
                em.flush();
                em.clear();
                accountRows.clear();
                locked.clear();
                for (LockKey key : keys.stream().distinct().sorted().toList()) {
                    lockKey(lockRowKey(key));
                }
                return null;
            });
        };
    }

    /**
     * A lock key as a row of the account-key lock table: the unit names the lock's kind, which no
     * account unit spells with the {@code LOCK_} prefix unless a host names a credit type so, and then
     * the only effect is that two commands wait for each other.
     */
    private static AccountKey lockRowKey(LockKey key) {
        return new AccountKey(key.name(), key.scope(), Unit.credit("LOCK_" + key.kind().name()));
    }

    @Override
    public void setRollbackOnly() {
        rollbackOnly = true;
    }

    @Override
    public boolean isRollbackOnly() {
        return rollbackOnly;
    }

    // ------------------------------------------------------------------ plumbing

    /**
     * Runs one repository call. A database error is remembered (PostgreSQL refuses every later
     * statement of the transaction anyway), and a unique-key refusal becomes {@code onDuplicate}.
     */
    private <T> T call(Supplier<T> body, Supplier<RuntimeException> onDuplicate) {
        if (closed) {
            throw new IllegalStoreUseException("the transaction is over; use the repositories only inside inTransaction");
        }
        try {
            return body.get();
        } catch (LoyaltyException e) {
            // The adapter's own refusals (a duplicate found by looking first, a floor, a bad value):
            // thrown before anything reached the database, so the transaction is still good.
            throw e;
        } catch (Failures.Retry e) {
            // A race another transaction won: whatever the work does with it, this one must not commit.
            if (spoiled == null) {
                spoiled = e;
            }
            throw e;
        } catch (RuntimeException e) {
            // Anything from JPA, the provider or JDBC. PostgreSQL refuses every later statement of the
            // transaction anyway, and the work may catch what it gets: the store will not commit it.
            spoiled = e;
            if (onDuplicate != null && Failures.isUniqueViolation(e)) {
                throw onDuplicate.get();
            }
            throw Failures.typed(e);
        }
    }

    private <T> T call(Supplier<T> body) {
        return call(body, null);
    }

    private <T> TypedQuery<T> query(String jpql, Class<T> type) {
        return em.createQuery(jpql, type).setParameter("t", t);
    }

    private static <T> Optional<T> first(TypedQuery<T> q) {
        return q.setMaxResults(1).getResultList().stream().findFirst();
    }

    private static final String BY_KEY = " and r.account.program = :p and r.account.owner = :o"
            + " and r.account.unitKind = :k and r.account.unitCode = :c";

    /**
     * Inserts a row whose key must be new. Checked first, so the usual refusal leaves the transaction
     * usable; flushed at once, so that a concurrent twin is refused here by the unique key, not at commit.
     */
    private void insertUnique(BooleanSupplier taken, Supplier<Object> row, String what, String key) {
        Supplier<RuntimeException> duplicate = () -> new DuplicateKeyException(what, key);
        call(() -> {
            if (taken.getAsBoolean()) {
                throw duplicate.get();
            }
            em.persist(row.get());
            em.flush();
            return null;
        }, duplicate);
    }

    private static <T> TypedQuery<T> byKey(TypedQuery<T> q, AccountKey key) {
        return q.setParameter("p", key.program()).setParameter("o", key.owner())
                .setParameter("k", key.unit().kind().name()).setParameter("c", key.unit().code());
    }

    private AccountRow track(AccountRow row) {
        accountRows.putIfAbsent(row.key(), row);
        return row;
    }

    /** The account's row as this transaction knows it, or null. */
    private AccountRow row(AccountKey key) {
        AccountRow known = accountRows.get(key);
        if (known != null) {
            return known;
        }
        return first(byKey(query("select r from AccountRow r where r.tenant = :t" + BY_KEY, AccountRow.class), key))
                .map(this::track).orElse(null);
    }

    /** The account's row, locked for the rest of the transaction and fresh from the database; null if absent. */
    private AccountRow lockedRow(AccountKey key) {
        AccountRow known = accountRows.get(key);
        if (known != null) {
            if (locked.add(key)) {
                em.refresh(known, LockModeType.PESSIMISTIC_WRITE);
            }
            return known;
        }
        AccountRow row = first(byKey(query("select r from AccountRow r where r.tenant = :t" + BY_KEY, AccountRow.class)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE), key)).orElse(null);
        if (row != null) {
            track(row);
            locked.add(key);
        }
        return row;
    }

    /**
     * Locks an account key's lock row, inserting it if this is the first command on the key. A
     * concurrent first insert waits for this transaction (unique key) and is then refused, and its
     * work re-run: by then the row is there to wait on.
     */
    private void lockKey(AccountKey key) {
        boolean exists = first(byKey(query("select r from AccountLockRow r where r.tenant = :t" + BY_KEY,
                AccountLockRow.class).setLockMode(LockModeType.PESSIMISTIC_WRITE), key)).isPresent();
        if (!exists) {
            insertOrRerun(new AccountLockRow(t, key), "account key " + key + " was locked concurrently");
        }
    }

    /** Inserts a row now; a unique key refusal means another transaction got there first, and the work re-runs. */
    private void insertOrRerun(Object row, String race) {
        try {
            em.persist(row);
            em.flush();
        } catch (RuntimeException e) {
            spoiled = e;
            if (Failures.isUniqueViolation(e)) {
                throw new Failures.Retry(race, e);
            }
            throw e;
        }
    }

    private List<AccountRow> programAccounts(String program) {
        return query("select r from AccountRow r where r.tenant = :t and r.account.program = :p", AccountRow.class)
                .setParameter("p", program).getResultList();
    }

    private static Set<AccountKey> keysOf(List<AccountRow> rows) {
        Set<AccountKey> keys = new HashSet<>();
        rows.forEach(r -> keys.add(r.key()));
        return keys;
    }

    private static Failures.Retry openedMeanwhile(String program) {
        return new Failures.Retry("an account of " + program + " was opened by another transaction since this one"
                + " listed them", null);
    }

    private static Set<AccountKey> with(Set<AccountKey> keys, AccountKey key) {
        Set<AccountKey> next = new HashSet<>(keys);
        next.add(key);
        return next;
    }

    /**
     * Re-runs the work if {@code now} is not what this transaction first read under {@code key} (a
     * read it never made passes): it would otherwise decide or write on a row another has overtaken.
     */
    private static <K, V> void asFirstRead(Map<K, V> firstRead, K key, V now, String what) {
        if (firstRead.containsKey(key) && !Objects.equals(firstRead.get(key), now)) {
            throw new Failures.Retry(what + " changed by another transaction since this one read it", null);
        }
    }

    /**
     * Locks a program's settings row (when there is one) for the rest of the transaction and re-runs the
     * work if they are not as this transaction read them.
     */
    private Optional<SettingRow> lockedSettingsAsRead(String program) {
        Optional<SettingRow> row = first(query("select s from SettingRow s where s.tenant = :t and s.program = :p",
                SettingRow.class).setParameter("p", program).setLockMode(LockModeType.PESSIMISTIC_WRITE));
        row.ifPresent(r -> em.refresh(r, LockModeType.PESSIMISTIC_WRITE));
        asFirstRead(settingsRead, program, row.map(r -> r.body).orElse(null), "the settings of " + program + " were");
        return row;
    }

    private AccountRow existingLocked(AccountKey key) {
        AccountRow row = lockedRow(key);
        if (row == null) {
            throw new NoSuchAccountException(key);
        }
        return row;
    }

    /** Appends under the account's lock; {@code releasedHold} leaves the held amount in the same step (a capture). */
    private LedgerEntry appendEntry(LedgerEntry entry, BigDecimal releasedHold) {
        AccountRow row = existingLocked(entry.account());
        Account before = row.toAccount();
        Account after = new Account(before.key(), before.floor(), before.balance().add(entry.amount()),
                before.held().subtract(releasedHold));
        if (entry.amount().signum() < 0 && before.hasFloor() && after.available().compareTo(before.floor()) < 0) {
            throw new FloorViolationException(before.key(), before.available(), entry.amount().negate());
        }
        EntryRow stored = new EntryRow(t, row.id, entry);
        em.persist(stored);
        row.set(after);
        em.flush();
        return entry.withSequence(stored.seq);
    }

    private void moveHeld(AccountRow row, BigDecimal delta) {
        Account a = row.toAccount();
        row.set(new Account(a.key(), a.floor(), a.balance(), a.held().add(delta)));
    }

    // ------------------------------------------------------------------ Accounts

    private final Accounts accounts = new Accounts() {
        @Override
        public Optional<Account> find(AccountKey key) {
            Checks.notNull(key, "account key");
            return call(() -> Optional.ofNullable(row(key)).map(AccountRow::toAccount));
        }

        @Override
        public Account open(AccountKey key, BigDecimal floor) {
            Checks.notNull(key, "account key");
            return call(() -> {
                AccountRow existing = row(key);
                if (existing != null) {
                    return existing.toAccount();
                }
                if (settingsRead.containsKey(key.program())) {
                    // The account is named and opened under its program's settings as read (the customer
                    // card's currency): they must still hold, and must not change until this commits.
                    lockedSettingsAsRead(key.program());
                }
                Account created = new Account(key, floor, BigDecimal.ZERO, BigDecimal.ZERO);
                AccountRow row = new AccountRow(t, created);
                // Another transaction opened it first; a re-run finds its row and returns it.
                insertOrRerun(row, "account " + key + " was opened concurrently");
                accountsListed.computeIfPresent(key.program(), (p, keys) -> with(keys, key));
                track(row);
                // A row this transaction inserted is invisible to others until commit: it is as good as locked.
                locked.add(key);
                return created;
            });
        }

        @Override
        public List<Account> lock(Collection<AccountKey> keys) {
            Checks.list(new ArrayList<>(Checks.notNull(keys, "account keys")), "account keys");
            return call(() -> {
                // A command reads documents, cards and customers to learn which accounts to lock, waits
                // for the locks, then reads them again to decide. The persistence context would hand back
                // the rows as first read, stale if another command changed them meanwhile; so everything
                // is written out and forgotten here, and what is read after the locks comes fresh.
                em.flush();
                em.clear();
                accountRows.clear();
                locked.clear();
                List<Account> out = new ArrayList<>();
                // One global order (AccountKey's), so two commands locking the same accounts never deadlock.
                for (AccountKey key : keys.stream().distinct().sorted().toList()) {
                    AccountRow row = lockedRow(key);
                    if (row == null) {
                        // No account yet, so no row to lock; yet a command on an account not opened yet
                        // must wait for another on the same key as much as one on an open account does
                        // (it may be about to open it, or to change what this one decides on). The key
                        // is locked instead; then the account is looked for again, since the command
                        // this one waited for may have opened it.
                        lockKey(key);
                        row = lockedRow(key);
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
            return call(() -> {
                List<AccountRow> rows = programAccounts(program);
                Set<AccountKey> keys = keysOf(rows);
                // As with all customers listed twice: one listing to decide on, or a re-run.
                if (!accountsListed.getOrDefault(program, keys).equals(keys)) {
                    throw openedMeanwhile(program);
                }
                accountsListed.put(program, keys);
                return rows.stream().map(JpaTransaction.this::track).map(AccountRow::toAccount)
                        .sorted(Comparator.comparing(Account::key)).toList();
            });
        }
    };

    // ------------------------------------------------------------------ Ledger

    private final Ledger ledger = new Ledger() {
        @Override
        public LedgerEntry append(LedgerEntry entry) {
            Checks.notNull(entry, "entry");
            return call(() -> appendEntry(entry, BigDecimal.ZERO));
        }

        @Override
        public List<LedgerEntry> entries(AccountKey account) {
            Checks.notNull(account, "account key");
            return call(() -> {
                AccountRow row = row(account);
                if (row == null) {
                    return List.of();
                }
                return query("select e from EntryRow e where e.tenant = :t and e.accountId = :a order by e.seq",
                        EntryRow.class).setParameter("a", row.id).getResultList().stream().map(EntryRow::toEntry).toList();
            });
        }

        @Override
        public List<LedgerEntry> ofDocument(String document) {
            if (!Checks.isIdentifier(document, Limits.IDENTIFIER)) {
                return List.of();
            }
            return call(() -> query("select e from EntryRow e where e.tenant = :t and e.document = :d order by e.seq",
                    EntryRow.class).setParameter("d", document).getResultList().stream().map(EntryRow::toEntry).toList());
        }
    };

    // ------------------------------------------------------------------ Holds

    private Optional<HoldRow> holdRow(String holdId) {
        Optional<HoldRow> row = first(query("select h from HoldRow h where h.tenant = :t and h.holdId = :h",
                HoldRow.class).setParameter("h", holdId));
        // A managed instance may predate a compare-and-set this transaction made; read it again.
        row.ifPresent(em::refresh);
        return row;
    }

    /**
     * The compare-and-set: locks the hold's account first (the order every command uses: accounts,
     * then holds), then moves the hold out of PENDING only if it still is. True for the one winner.
     */
    private Optional<HoldRow> transition(String holdId, HoldState to, Instant at, String by, RuleRef rule) {
        Optional<HoldRow> seen = holdRow(holdId);
        if (seen.isEmpty() || !seen.get().isPending()) {
            return Optional.empty();
        }
        HoldRow hold = seen.get();
        AccountRow account = existingLocked(hold.account());
        int changed = em.createQuery("update HoldRow h set h.state = :to, h.settledAt = :at, h.settledBy = :by,"
                        + " h.settleRuleSet = :rs, h.settleRuleVersion = :rv, h.settleRuleName = :rn,"
                        + " h.version = h.version + 1 where h.tenant = :t and h.holdId = :h and h.state = :pending")
                .setParameter("to", to.name()).setParameter("at", Decimals.nanos(at)).setParameter("by", by)
                .setParameter("rs", rule.ruleSet()).setParameter("rv", rule.version()).setParameter("rn", rule.rule())
                .setParameter("t", t)
                .setParameter("h", holdId).setParameter("pending", HoldState.PENDING.name()).executeUpdate();
        if (changed == 0) {
            return Optional.empty();
        }
        em.persist(new HoldTransitionRow(t, holdId, to.name(), Decimals.nanos(at)));
        moveHeld(account, hold.amount().negate());
        em.flush();
        em.refresh(hold);
        return Optional.of(hold);
    }

    private final Holds holds = new Holds() {
        @Override
        public Hold place(Hold hold) {
            Checks.notNull(hold, "hold");
            if (!hold.isPending()) {
                throw new InvalidValueException("a hold is placed pending, was " + hold.state());
            }
            return call(() -> {
                if (holdRow(hold.id()).isPresent()) {
                    throw new DuplicateKeyException("hold", hold.id());
                }
                AccountRow row = existingLocked(hold.account());
                Account a = row.toAccount();
                if (!a.allows(hold.amount())) {
                    throw new FloorViolationException(a.key(), a.available(), hold.amount());
                }
                em.persist(new HoldRow(t, row.id, hold));
                moveHeld(row, hold.amount());
                em.flush();
                return hold;
            }, () -> new DuplicateKeyException("hold", hold.id()));
        }

        @Override
        public Optional<Hold> find(String holdId) {
            if (!Checks.isIdentifier(holdId, Limits.IDENTIFIER)) {
                return Optional.empty();
            }
            return call(() -> holdRow(holdId).map(HoldRow::toHold));
        }

        @Override
        public boolean settle(String holdId, HoldState to, Instant at, String by, RuleRef rule) {
            if (to != HoldState.RELEASED && to != HoldState.EXPIRED) {
                throw new InvalidValueException("settle moves a hold to RELEASED or EXPIRED; use capture for CAPTURED");
            }
            Checks.instant(at, "settled time");
            Checks.identifier(by, "settled by", Limits.IDENTIFIER);
            Checks.notNull(rule, "settle rule");
            if (!Checks.isIdentifier(holdId, Limits.IDENTIFIER)) {
                return false;
            }
            return call(() -> transition(holdId, to, at, by, rule).isPresent());
        }

        @Override
        public Optional<LedgerEntry> capture(String holdId, LedgerEntry entry, Instant at) {
            Checks.notNull(entry, "entry");
            Checks.instant(at, "captured time");
            if (!Checks.isIdentifier(holdId, Limits.IDENTIFIER)) {
                return Optional.empty();
            }
            return call(() -> {
                Optional<HoldRow> seen = holdRow(holdId);
                if (seen.isEmpty() || !seen.get().isPending()) {
                    return Optional.empty();
                }
                HoldRow h = seen.get();
                if (!entry.account().equals(h.account()) || entry.amount().negate().compareTo(h.amount()) != 0) {
                    throw new InvalidValueException("a capture takes exactly the held " + h.amount() + " from "
                            + h.account() + "; entry was " + entry.amount() + " on " + entry.account());
                }
                // The transition releases the held amount; the entry then takes it from the balance.
                // Both inside this transaction, so nobody sees the hold gone but the entry missing.
                if (transition(holdId, HoldState.CAPTURED, at, entry.actor(), entry.rule()).isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(appendEntry(entry, BigDecimal.ZERO));
            });
        }

        @Override
        public List<Hold> pending(AccountKey account) {
            Checks.notNull(account, "account key");
            return call(() -> byKey(query("select r from HoldRow r where r.tenant = :t and r.state = :s" + BY_KEY
                    + " order by r.id", HoldRow.class).setParameter("s", HoldState.PENDING.name()), account)
                    .getResultList().stream().map(HoldRow::toHold).toList());
        }

        @Override
        public List<Hold> ofDocument(String document) {
            if (!Checks.isIdentifier(document, Limits.IDENTIFIER)) {
                return List.of();
            }
            return call(() -> query("select h from HoldRow h where h.tenant = :t and h.document = :d order by h.id",
                    HoldRow.class).setParameter("d", document).getResultList().stream().map(HoldRow::toHold).toList());
        }

        @Override
        public List<Hold> expiredBy(Instant now) {
            Checks.instant(now, "now");
            return call(() -> query("select h from HoldRow h where h.tenant = :t and h.state = :s"
                    + " and h.expiresAt <= :now order by h.id", HoldRow.class)
                    .setParameter("s", HoldState.PENDING.name()).setParameter("now", Decimals.nanos(now))
                    .getResultList().stream().map(HoldRow::toHold).toList());
        }
    };

    // ------------------------------------------------------------------ Outcomes

    private Optional<OutcomeRow> outcomeRow(IdempotencyKey key) {
        return first(query("select o from OutcomeRow o where o.tenant = :t and o.key = :k", OutcomeRow.class)
                .setParameter("k", key.value()));
    }

    private final Outcomes outcomes = new Outcomes() {
        @Override
        public Optional<StoredOutcome> find(IdempotencyKey key) {
            Checks.notNull(key, "idempotency key");
            return call(() -> outcomeRow(key).map(OutcomeRow::toStored));
        }

        @Override
        public void save(StoredOutcome outcome) {
            Checks.notNull(outcome, "outcome");
            insertUnique(() -> outcomeRow(outcome.key()).isPresent(), () -> new OutcomeRow(t, outcome),
                    "idempotency key", outcome.key().value());
        }

        @Override
        public List<StoredOutcome> all() {
            return call(() -> query("select o from OutcomeRow o where o.tenant = :t order by o.id", OutcomeRow.class)
                    .getResultList().stream().map(OutcomeRow::toStored).toList());
        }
    };

    // ------------------------------------------------------------------ Documents

    private static final Comparator<Document> DOCUMENT_ORDER = Comparator.comparing(Document::date)
            .thenComparing(Document::id);

    private static String documentKey(String type, String id) {
        return type + "\u0000" + id;
    }

    private Document read(Document d) {
        seen(d.type(), d.id(), d.version());
        return d;
    }

    /**
     * Notes the version of a document this transaction read (0: none). A later read that finds
     * another version re-runs the work: the command would otherwise decide on two versions of one
     * document, such as a receipt read without a card to learn which accounts to lock and with the
     * card identified meanwhile after the locks, whose account it did not lock.
     */
    private void seen(String type, String id, long version) {
        Long first = documentVersionsRead.putIfAbsent(documentKey(type, id), version);
        if (first != null && first != version) {
            throw new Failures.Retry("document " + type + " " + id + " was changed by another transaction since"
                    + " this one read it (version " + first + ", now " + version + ")", null);
        }
    }

    private final Documents documents = new Documents() {
        @Override
        public Optional<Document> find(String type, String id) {
            if (!Checks.isIdentifier(type, Limits.CODE) || !Checks.isIdentifier(id, Limits.IDENTIFIER)) {
                return Optional.empty();
            }
            Optional<Document> found = call(() -> first(query("select d from DocumentRow d where d.tenant = :t"
                    + " and d.type = :y and d.docId = :i", DocumentRow.class).setParameter("y", type)
                    .setParameter("i", id)).map(DocumentRow::toDocument));
            found.ifPresentOrElse(JpaTransaction.this::read, () -> seen(type, id, 0));
            return found;
        }

        @Override
        public Document save(Document document) {
            Checks.notNull(document, "document");
            // The row was not there when this transaction looked: another created it meanwhile.
            Supplier<RuntimeException> createdMeanwhile = () -> new Failures.Retry("document " + document.type()
                    + " " + document.id() + " was created meanwhile by another transaction", null);
            return call(() -> {
                Optional<DocumentRow> stored = first(query("select d from DocumentRow d where d.tenant = :t"
                        + " and d.type = :y and d.docId = :i", DocumentRow.class).setParameter("y", document.type())
                        .setParameter("i", document.id()).setLockMode(LockModeType.PESSIMISTIC_WRITE));
                stored.ifPresent(r -> em.refresh(r, LockModeType.PESSIMISTIC_WRITE));
                long expected = stored.map(r -> r.version).orElse(0L);
                // Compared with the version this transaction FIRST read, not the one the caller passes:
                // a caller may decide on its first read and read again only to learn the version to
                // save from, and that second read would otherwise hide the race (both would create).
                Long read = documentVersionsRead.get(documentKey(document.type(), document.id()));
                if (read != null && read != expected) {
                    throw new Failures.Retry("document " + document.type() + " " + document.id() + " was changed"
                            + " by another transaction since this one read it (version " + read + ", now "
                            + expected + ")", null);
                }
                if (document.version() != expected) {
                    throw new InvalidValueException("document " + document.type() + " " + document.id()
                            + " was changed meanwhile (version " + expected + ", saved from " + document.version() + ")");
                }
                Document next = new Document(document.type(), document.id(), document.owner(), document.status(),
                        document.date(), document.currency(), document.attributes(), document.lines(), expected + 1);
                if (stored.isPresent()) {
                    stored.get().set(next);
                } else {
                    em.persist(new DocumentRow(t, next));
                }
                em.flush();
                documentVersionsRead.put(documentKey(next.type(), next.id()), next.version());
                return next;
            }, createdMeanwhile);
        }

        @Override
        public List<Document> list(String type, String owner) {
            if (!Checks.isIdentifier(type, Limits.CODE) || (owner != null && !Checks.isIdentifier(owner, Limits.IDENTIFIER))) {
                return List.of();
            }
            return call(() -> {
                TypedQuery<DocumentRow> q = owner == null
                        ? query("select d from DocumentRow d where d.tenant = :t and d.type = :y", DocumentRow.class)
                        : query("select d from DocumentRow d where d.tenant = :t and d.type = :y and d.owner = :o",
                        DocumentRow.class).setParameter("o", owner);
                // Sorted here, not in SQL, so that the order is Java's on every database collation.
                return q.setParameter("y", type).getResultList().stream().map(DocumentRow::toDocument)
                        .map(JpaTransaction.this::read).sorted(DOCUMENT_ORDER).toList();
            });
        }
    };

    // ------------------------------------------------------------------ Settings

    private Optional<SettingRow> settingRow(String program) {
        return first(query("select s from SettingRow s where s.tenant = :t and s.program = :p", SettingRow.class)
                .setParameter("p", program));
    }

    private final Settings settings = new Settings() {
        @Override
        public Map<String, String> of(String program) {
            if (!Checks.isIdentifier(program, Limits.CODE)) {
                return Map.of();
            }
            return call(() -> {
                Optional<SettingRow> row = settingRow(program);
                String body = row.map(s -> s.body).orElse(null);
                // As with a document read twice: the currency read to name the account to lock must
                // be the one the command decides with once it holds the lock.
                asFirstRead(settingsRead, program, body, "the settings of " + program + " were");
                settingsRead.putIfAbsent(program, body);
                return row.map(s -> Checks.sortedMap(TextCodec.map(s.body), "settings")).orElse(Map.of());
            });
        }

        @Override
        public void put(String program, Map<String, String> values) {
            Checks.identifier(program, "program", Limits.CODE);
            String body = TextCodec.map(Checks.sortedMap(values, "settings"));
            call(() -> {
                // Locked and read afresh: the values put were most likely made from what this
                // transaction read, and must not overwrite what another committed since.
                Optional<SettingRow> row = lockedSettingsAsRead(program);
                // Nor may they be made from a listing of the program's accounts that one opened since has
                // made wrong (the customer card's currency changes only while no card has an account).
                // An account opened later waits for this lock, and then finds the settings changed.
                Set<AccountKey> listed = accountsListed.get(program);
                if (listed != null && !listed.equals(keysOf(programAccounts(program)))) {
                    throw openedMeanwhile(program);
                }
                if (row.isPresent()) {
                    row.get().body = body;
                } else {
                    em.persist(new SettingRow(t, program, body));
                }
                em.flush();
                settingsRead.put(program, body);
                return null;
            }, () -> new Failures.Retry("settings of " + program + " were created concurrently", null));
        }
    };

    // ------------------------------------------------------------------ Cards

    private Optional<CardRow> cardRow(String number) {
        return first(query("select c from CardRow c where c.tenant = :t and c.number = :n", CardRow.class)
                .setParameter("n", number));
    }

    private static final String CUSTOMER_NUMBER = "customer number";
    private static final String CARD_NUMBER = "card number";

    private final Cards cards = new Cards() {
        @Override
        public Optional<Card> find(String number) {
            if (!Checks.isIdentifier(number, Limits.CARD_NUMBER)) {
                return Optional.empty();
            }
            Optional<Card> card = call(() -> cardRow(number).map(CardRow::toCard));
            if (card.isEmpty() && number != null) {
                numbersReadFree.add(CARD_NUMBER + "\u0000" + number);
            }
            if (number != null && !cardsRead.containsKey(number)) {
                cardsRead.put(number, card.orElse(null));
            }
            return card;
        }

        @Override
        public void insert(Card card) {
            Checks.notNull(card, "card");
            // A number this transaction found free and another took meanwhile (committed, or refused
            // by the unique key at the flush) is a race: the re-run decides on that card.
            Supplier<RuntimeException> takenMeanwhile = () -> new Failures.Retry("card number " + card.number()
                    + " was free when this transaction looked, and another took it since", null);
            call(() -> {
                if (cardRow(card.number()).isPresent()) {
                    throw numbersReadFree.contains(CARD_NUMBER + "\u0000" + card.number()) ? takenMeanwhile.get()
                            : new DuplicateKeyException(CARD_NUMBER, card.number());
                }
                em.persist(new CardRow(t, card));
                em.flush();
                return null;
            }, takenMeanwhile);
        }

        @Override
        public void update(Card card) {
            Checks.notNull(card, "card");
            call(() -> {
                CardRow row = cardRow(card.number()).orElseThrow(() -> new InvalidValueException("card "
                        + card.number() + " does not exist; insert it first"));
                em.refresh(row, LockModeType.PESSIMISTIC_WRITE);
                // The update was most likely made from what this transaction read: it must not
                // overwrite what another committed since.
                asFirstRead(cardsRead, card.number(), row.toCard(), "card " + card.number() + " was");
                row.set(card);
                em.flush();
                // The row is locked now until commit; what a later read finds is this transaction's own.
                cardsRead.remove(card.number());
                return null;
            });
        }

        @Override
        public List<Card> all() {
            return call(() -> query("select c from CardRow c where c.tenant = :t", CardRow.class).getResultList()
                    .stream().map(CardRow::toCard).sorted(Comparator.comparing(Card::number)).toList());
        }
    };

    // ------------------------------------------------------------------ Customers

    private final Customers customers = new Customers() {
        @Override
        public Optional<Customer> find(String id) {
            if (!Checks.isIdentifier(id, Limits.IDENTIFIER)) {
                return Optional.empty();
            }
            Optional<Customer> found = call(() -> first(query("select c from CustomerRow c where c.tenant = :t"
                    + " and c.customerId = :i", CustomerRow.class).setParameter("i", id)).map(CustomerRow::toCustomer));
            if (id != null && !customersRead.containsKey(id)) {
                customersRead.put(id, found.orElse(null));
            }
            return found;
        }

        @Override
        public Optional<Customer> findByNumber(String number) {
            if (!Checks.isIdentifier(number, Limits.CUSTOMER_NUMBER)) {
                return Optional.empty();
            }
            Optional<Customer> holder = call(() -> first(query("select c from CustomerRow c where c.tenant = :t"
                    + " and c.number = :n", CustomerRow.class).setParameter("n", number)).map(CustomerRow::toCustomer));
            if (holder.isEmpty() && number != null) {
                numbersReadFree.add(CUSTOMER_NUMBER + "\u0000" + number);
            }
            holder.ifPresent(c -> customersRead.putIfAbsent(c.id(), c));
            return holder;
        }

        @Override
        public void save(Customer customer) {
            Checks.notNull(customer, "customer");
            // A unique key refusal at the flush is a number (or id) this transaction saw free that another
            // took meanwhile: the re-run decides on that customer.
            call(() -> {
                if (customer.number() != null) {
                    Optional<Customer> holder = findByNumber(customer.number());
                    if (holder.isPresent() && !holder.get().id().equals(customer.id())) {
                        if (numbersReadFree.contains(CUSTOMER_NUMBER + "\u0000" + customer.number())) {
                            throw new Failures.Retry("customer number " + customer.number() + " was free when this"
                                    + " transaction looked, and another took it since", null);
                        }
                        throw new DuplicateKeyException(CUSTOMER_NUMBER, customer.number());
                    }
                }
                Optional<CustomerRow> row = first(query("select c from CustomerRow c where c.tenant = :t"
                        + " and c.customerId = :i", CustomerRow.class).setParameter("i", customer.id())
                        .setLockMode(LockModeType.PESSIMISTIC_WRITE));
                row.ifPresent(r -> em.refresh(r, LockModeType.PESSIMISTIC_WRITE));
                // As with documents: a save made from a read that another transaction has since
                // overtaken would lose that transaction's change.
                asFirstRead(customersRead, customer.id(), row.map(CustomerRow::toCustomer).orElse(null),
                        "customer " + customer.id() + " was");
                if (row.isPresent()) {
                    row.get().set(customer);
                } else {
                    em.persist(new CustomerRow(t, customer));
                }
                em.flush();
                // The row is locked (or not yet visible to others) until commit; a later read finds our own.
                customersRead.remove(customer.id());
                if (customersListed != null) {
                    customersListed.put(customer.id(), customer);
                }
                return null;
            }, () -> new Failures.Retry("customer " + customer.id() + " or number " + customer.number()
                    + " was saved meanwhile by another transaction", null));
        }

        @Override
        public List<Customer> all() {
            List<Customer> listed = call(() -> query("select c from CustomerRow c where c.tenant = :t order by c.id",
                    CustomerRow.class).getResultList().stream().map(CustomerRow::toCustomer).toList());
            // As with a document read twice: a command lists the customers to learn which accounts to
            // lock and again to decide; one created or changed in between would be decided on unlocked.
            // By id, not as a list: a customer this transaction saved is in the listing by the database's
            // order, which need not be the order in which it was added here.
            Map<String, Customer> byId = new HashMap<>();
            listed.forEach(c -> byId.put(c.id(), c));
            if (customersListed != null && !customersListed.equals(byId)) {
                throw new Failures.Retry("the customers were changed by another transaction since this one"
                        + " listed them", null);
            }
            customersListed = byId;
            return listed;
        }
    };
}

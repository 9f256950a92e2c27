package org.loyaltyengine.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The embedded default store: all state in memory, thread-safe, honouring every guard of
 * {@link LoyaltyStore}.
 *
 * <p>Each tenant has one lock, held for the whole of a transaction, so transactions of one tenant
 * run one after another and tenants run in parallel. Writes go straight to the tenant's maps and
 * push an undo step; a rollback runs the undo steps backwards. Nobody else can see the half-done
 * state because the tenant lock is held until commit or rollback. This is simpler than row locks
 * and, for an in-process store where a command takes tens of microseconds, fast enough.
 */
public final class InMemoryStore implements LoyaltyStore {
    private final Map<TenantId, TenantData> tenants = new ConcurrentHashMap<>();

    /** An empty store. */
    public InMemoryStore() {
        // Declared so the public API of the exported package says it (javac's missing-explicit-ctor lint).
    }

    @Override
    public <T> T inTransaction(TenantId tenant, Function<StoreTransaction, T> work) {
        Checks.notNull(tenant, "tenant");
        Checks.notNull(work, "work");
        TenantData data = tenants.computeIfAbsent(tenant, TenantData::new);
        data.lock.lock();
        try {
            if (data.open != null) {
                throw new IllegalStoreUseException("a transaction of tenant " + tenant
                        + " is already open on this thread; nested transactions are not supported");
            }
            Tx tx = new Tx(data);
            data.open = tx;
            boolean committed = false;
            try {
                T result = work.apply(tx);
                if (!tx.rollbackOnly) {
                    committed = true;
                }
                return result;
            } finally {
                tx.closed = true;
                data.open = null;
                if (!committed) {
                    tx.undoAll();
                }
            }
        } finally {
            data.lock.unlock();
        }
    }

    /**
     * A key at or before every account of {@code program}: an owner and a unit code begin with a printable
     * character, and none sorts before '!' (the space may not begin one), and points are the first kind.
     */
    private static AccountKey firstOf(String program) {
        return new AccountKey("!", program, new Unit(Unit.Kind.POINTS, "!"));
    }

    private static final class TenantData {
        final TenantId tenant;
        final ReentrantLock lock = new ReentrantLock();
        Tx open;
        long sequence;
        final TreeMap<AccountKey, Account> accounts = new TreeMap<>();
        final Map<AccountKey, List<LedgerEntry>> entries = new HashMap<>();
        final Map<String, List<LedgerEntry>> entriesByDocument = new HashMap<>();
        final Map<String, Hold> holds = new LinkedHashMap<>();
        final Map<IdempotencyKey, StoredOutcome> outcomes = new LinkedHashMap<>();
        // The command log: entry n has sequence n + 1, so a page after a sequence starts at that index.
        final List<CommandLogEntry> log = new ArrayList<>();
        // Documents by type, then id: a listing of one type (every command reads the expiry runs, the rates)
        // costs what it returns, not what the tenant holds.
        final Map<String, TypeDocuments> documents = new HashMap<>();
        final Map<String, Map<String, String>> settings = new HashMap<>();
        final Map<String, Card> cards = new TreeMap<>();
        final Map<String, Customer> customers = new LinkedHashMap<>();
        // The same customers in id order, so a page of them (a batch job over every customer) is a walk from the
        // last id of the page before, costing only its own customers.
        final TreeMap<String, Customer> customersById = new TreeMap<>();
        // Customer number -> id, so a look-up by number (every row of a bulk import) is not a scan.
        final Map<String, String> customerNumbers = new HashMap<>();

        TenantData(TenantId tenant) {
            this.tenant = tenant;
        }
    }

    /** The documents of one type, by id and by owner (a listing of one customer's bookings reads only those). */
    private static final class TypeDocuments {
        final Map<String, Document> byId = new HashMap<>();
        final Map<String, Map<String, Document>> byOwner = new HashMap<>();

        /** Takes {@code out} (null: none) out of the indexes and puts {@code in} (null: none) in its place. */
        void replace(Document out, Document in) {
            if (out != null) {
                byId.remove(out.id());
                if (out.owner() != null) {
                    Map<String, Document> owned = byOwner.get(out.owner());
                    owned.remove(out.id());
                    if (owned.isEmpty()) {
                        byOwner.remove(out.owner());
                    }
                }
            }
            if (in != null) {
                byId.put(in.id(), in);
                if (in.owner() != null) {
                    byOwner.computeIfAbsent(in.owner(), o -> new HashMap<>()).put(in.id(), in);
                }
            }
        }
    }

    private static final class Tx implements StoreTransaction {
        private final TenantData d;
        private final Deque<Runnable> undo = new ArrayDeque<>();
        boolean rollbackOnly;
        boolean closed;

        Tx(TenantData d) {
            this.d = d;
        }

        void undoAll() {
            while (!undo.isEmpty()) {
                undo.pop().run();
            }
        }

        private void ensureOpen() {
            if (closed) {
                throw new IllegalStoreUseException("the transaction is over; use the repositories only inside inTransaction");
            }
        }

        private <K, V> void write(Map<K, V> map, K key, V value) {
            ensureOpen();
            boolean had = map.containsKey(key);
            V before = map.put(key, value);
            undo.push(() -> {
                if (had) {
                    map.put(key, before);
                } else {
                    map.remove(key);
                }
            });
        }

        private <K, V> void remove(Map<K, V> map, K key) {
            ensureOpen();
            V before = map.remove(key);
            undo.push(() -> map.put(key, before));
        }

        private <K, V> void addTo(Map<K, List<V>> map, K key, V value) {
            List<V> list = map.computeIfAbsent(key, k -> new ArrayList<>());
            list.add(value);
            undo.push(() -> list.remove(list.size() - 1));
        }

        @Override
        public TenantId tenant() {
            return d.tenant;
        }

        @Override
        public Accounts accounts() {
            return accountsRepo;
        }

        @Override
        public Ledger ledger() {
            return ledgerRepo;
        }

        @Override
        public Holds holds() {
            return holdsRepo;
        }

        @Override
        public Outcomes outcomes() {
            return outcomesRepo;
        }

        @Override
        public Documents documents() {
            return documentsRepo;
        }

        @Override
        public CommandLog commandLog() {
            return commandLogRepo;
        }

        @Override
        public Settings settings() {
            return settingsRepo;
        }

        @Override
        public Cards cards() {
            return cardsRepo;
        }

        @Override
        public Customers customers() {
            return customers;
        }

        @Override
        public Locks locks() {
            return locksRepo;
        }

        // A tenant's transactions already run one at a time here, so a lock has nothing to wait for; the
        // checks keep hostile keys out as on every other store.
        private final Locks locksRepo = keys -> {
            ensureOpen();
            noNulls(Checks.notNull(keys, "lock keys"), "lock keys");
        };

        /** Refuses a null key as {@link Checks#list} does, without its copy: every command locks, and the keys are only read. */
        private static void noNulls(Collection<?> keys, String field) {
            for (Object k : keys) {
                if (k == null) {
                    throw new InvalidValueException(field + " must not contain null");
                }
            }
        }

        @Override
        public void setRollbackOnly() {
            rollbackOnly = true;
        }

        @Override
        public boolean isRollbackOnly() {
            return rollbackOnly;
        }

        private Account account(AccountKey key) {
            Account a = d.accounts.get(key);
            if (a == null) {
                throw new NoSuchAccountException(key);
            }
            return a;
        }

        /** Appends, with {@code releasedHold} leaving the held amount in the same step (a capture). */
        private LedgerEntry appendEntry(LedgerEntry entry, BigDecimal releasedHold) {
            ensureOpen();
            Account a = account(entry.account());
            Account after = new Account(a.key(), a.floor(), a.balance().add(entry.amount()),
                    a.held().subtract(releasedHold));
            if (entry.amount().signum() < 0 && a.hasFloor() && after.available().compareTo(a.floor()) < 0) {
                throw new FloorViolationException(a.key(), a.available(), entry.amount().negate());
            }
            long seq = d.sequence + 1;
            long before = d.sequence;
            d.sequence = seq;
            undo.push(() -> d.sequence = before);
            LedgerEntry stored = entry.withSequence(seq);
            write(d.accounts, a.key(), after);
            addTo(d.entries, a.key(), stored);
            if (stored.document() != null) {
                addTo(d.entriesByDocument, stored.document(), stored);
            }
            return stored;
        }

        // ---- Accounts

        private final Accounts accountsRepo = new Accounts() {

            @Override
            public Optional<Account> find(AccountKey key) {
                ensureOpen();
                Checks.notNull(key, "account key");
                return Optional.ofNullable(d.accounts.get(key));
            }

            @Override
            public Account open(AccountKey key, BigDecimal floor) {
                Checks.notNull(key, "account key");
                Account existing = d.accounts.get(key);
                if (existing != null) {
                    return existing;
                }
                Account created = new Account(key, floor, BigDecimal.ZERO, BigDecimal.ZERO);
                write(d.accounts, key, created);
                return created;
            }

            @Override
            public List<Account> lock(Collection<AccountKey> keys) {
                ensureOpen();
                noNulls(Checks.notNull(keys, "account keys"), "account keys");
                // The tenant lock already serialises transactions; the order keeps the contract visible.
                // A command locks one account or none as a rule, which needs no sorted copy.
                if (keys.size() <= 1) {
                    Account a = keys.isEmpty() ? null : d.accounts.get(keys.iterator().next());
                    return a == null ? List.of() : List.of(a);
                }
                List<Account> locked = new ArrayList<>(keys.size());
                for (AccountKey key : new TreeSet<>(keys)) {
                    Account a = d.accounts.get(key);
                    if (a != null) {
                        locked.add(a);
                    }
                }
                return List.copyOf(locked);
            }

            @Override
            public List<Account> ofProgram(String program) {
                ensureOpen();
                return d.accounts.values().stream().filter(a -> a.key().program().equals(program)).toList();
            }

            @Override
            public List<Account> ofProgram(String program, AccountKey after, int limit) {
                ensureOpen();
                Accounts.checkPage(program, after, limit);
                if (!Checks.isIdentifier(program, Limits.CODE)) {
                    return List.of();
                }
                // The accounts are kept in key order, program first: the page is a walk from where the last
                // one ended, so a job over a million accounts costs each page only its own accounts.
                AccountKey from = after != null ? after : d.accounts.ceilingKey(firstOf(program));
                if (from == null) {
                    return List.of();
                }
                List<Account> page = new ArrayList<>(Math.min(limit, 1024));
                for (Account a : d.accounts.tailMap(from, after == null).values()) {
                    if (page.size() == limit || !a.key().program().equals(program)) {
                        break;
                    }
                    page.add(a);
                }
                return List.copyOf(page);
            }

        };

        // ---- Ledger

        private final Ledger ledgerRepo = new Ledger() {

            @Override
            public LedgerEntry append(LedgerEntry entry) {
                Checks.notNull(entry, "entry");
                return appendEntry(entry, BigDecimal.ZERO);
            }


            @Override
            public List<LedgerEntry> entries(AccountKey account) {
                ensureOpen();
                Checks.notNull(account, "account key");
                return List.copyOf(d.entries.getOrDefault(account, List.of()));
            }

            @Override
            public List<LedgerEntry> ofDocument(String document) {
                ensureOpen();
                return List.copyOf(d.entriesByDocument.getOrDefault(document, List.of()));
            }
        };

        // ---- Holds

        private final Holds holdsRepo = new Holds() {

            @Override
            public Hold place(Hold hold) {
                ensureOpen();
                Checks.notNull(hold, "hold");
                if (!hold.isPending()) {
                    throw new InvalidValueException("a hold is placed pending, was " + hold.state());
                }
                if (d.holds.containsKey(hold.id())) {
                    throw new DuplicateKeyException("hold", hold.id());
                }
                Account a = account(hold.account());
                if (!a.allows(hold.amount())) {
                    throw new FloorViolationException(a.key(), a.available(), hold.amount());
                }
                write(d.accounts, a.key(), new Account(a.key(), a.floor(), a.balance(), a.held().add(hold.amount())));
                write(d.holds, hold.id(), hold);
                return hold;
            }

            @Override
            public Optional<Hold> find(String holdId) {
                ensureOpen();
                return Optional.ofNullable(d.holds.get(holdId));
            }

            @Override
            public boolean settle(String holdId, HoldState to, Instant at, String by, RuleRef rule) {
                ensureOpen();
                if (to != HoldState.RELEASED && to != HoldState.EXPIRED) {
                    throw new InvalidValueException("settle moves a hold to RELEASED or EXPIRED; use capture for CAPTURED");
                }
                Checks.instant(at, "settled time");
                Checks.identifier(by, "settled by", Limits.IDENTIFIER);
                Checks.notNull(rule, "settle rule");
                Hold h = d.holds.get(holdId);
                if (h == null || !h.isPending()) {
                    return false;
                }
                Account a = account(h.account());
                write(d.accounts, a.key(), new Account(a.key(), a.floor(), a.balance(), a.held().subtract(h.amount())));
                write(d.holds, holdId, h.settle(to, at, by, rule));
                return true;
            }

            @Override
            public Optional<LedgerEntry> capture(String holdId, LedgerEntry entry, Instant at) {
                ensureOpen();
                Checks.notNull(entry, "entry");
                Checks.instant(at, "captured time");
                Hold h = d.holds.get(holdId);
                if (h == null || !h.isPending()) {
                    return Optional.empty();
                }
                if (!entry.account().equals(h.account()) || entry.amount().negate().compareTo(h.amount()) != 0) {
                    throw new InvalidValueException("a capture takes exactly the held " + h.amount() + " from "
                            + h.account() + "; entry was " + entry.amount() + " on " + entry.account());
                }
                LedgerEntry stored = appendEntry(entry, h.amount());
                write(d.holds, holdId, h.settle(HoldState.CAPTURED, at, entry.actor(), entry.rule()));
                return Optional.of(stored);
            }

            @Override
            public List<Hold> pending(AccountKey account) {
                ensureOpen();
                Checks.notNull(account, "account key");
                return d.holds.values().stream().filter(h -> h.isPending() && h.account().equals(account)).toList();
            }

            @Override
            public List<Hold> ofDocument(String document) {
                ensureOpen();
                if (document == null) {
                    // As a database answers "document = null": no hold, not the holds without a document.
                    return List.of();
                }
                return d.holds.values().stream().filter(h -> Objects.equals(h.document(), document)).toList();
            }

            @Override
            public List<Hold> expiredBy(Instant now) {
                ensureOpen();
                Checks.instant(now, "now");
                return d.holds.values().stream()
                        .filter(h -> h.hasRunOutBy(now)).toList();
            }
        };

        // ---- Outcomes

        private final Outcomes outcomesRepo = new Outcomes() {

            @Override
            public Optional<StoredOutcome> find(IdempotencyKey key) {
                ensureOpen();
                Checks.notNull(key, "idempotency key");
                return Optional.ofNullable(d.outcomes.get(key));
            }

            @Override
            public void save(StoredOutcome outcome) {
                Checks.notNull(outcome, "outcome");
                if (d.outcomes.containsKey(outcome.key())) {
                    throw new DuplicateKeyException("idempotency key", outcome.key().value());
                }
                write(d.outcomes, outcome.key(), outcome);
            }

            @Override
            public List<StoredOutcome> all() {
                ensureOpen();
                return List.copyOf(d.outcomes.values());
            }
        };

        // ---- Command log

        private final CommandLog commandLogRepo = new CommandLog() {

            @Override
            public CommandLogEntry append(CommandLogEntry entry) {
                ensureOpen();
                Checks.notNull(entry, "command log entry");
                if (!entry.tenant().equals(d.tenant)) {
                    throw new InvalidValueException("an entry of tenant " + entry.tenant() + " cannot be logged for "
                            + d.tenant);
                }
                if (entry.sequence() != 0) {
                    throw new InvalidValueException("the store assigns the sequence; append an entry with sequence 0");
                }
                CommandLogEntry stored = entry.withSequence(d.log.size() + 1L);
                d.log.add(stored);
                undo.push(() -> d.log.remove(d.log.size() - 1));
                return stored;
            }

            @Override
            public List<CommandLogEntry> read(CommandLogQuery query) {
                ensureOpen();
                Checks.notNull(query, "command log query");
                List<CommandLogEntry> found = new ArrayList<>();
                for (int i = (int) Math.min(query.afterSequence(), d.log.size()); i < d.log.size()
                        && found.size() < query.limit(); i++) {
                    CommandLogEntry e = d.log.get(i);
                    if (query.matches(e)) {
                        found.add(e);
                    }
                }
                return List.copyOf(found);
            }
        };

        // ---- Documents

        private final Documents documentsRepo = new Documents() {
            private final Comparator<Document> order = Comparator.comparing(Document::date).thenComparing(Document::id);

            @Override
            public Optional<Document> find(String type, String id) {
                ensureOpen();
                TypeDocuments t = d.documents.get(type);
                return t == null ? Optional.empty() : Optional.ofNullable(t.byId.get(id));
            }

            @Override
            public Document save(Document document) {
                Checks.notNull(document, "document");
                TypeDocuments found = d.documents.get(document.type());
                Document stored = found == null ? null : found.byId.get(document.id());
                long expected = stored == null ? 0 : stored.version();
                if (document.version() != expected) {
                    throw new StaleWriteException("document " + document.type() + " " + document.id()
                            + " was changed meanwhile (version " + expected + ", saved from " + document.version() + ")");
                }
                Document next = new Document(document.type(), document.id(), document.owner(), document.status(),
                        document.date(), document.currency(), document.attributes(), document.lines(), expected + 1);
                ensureOpen();
                TypeDocuments t = found != null ? found : d.documents.computeIfAbsent(document.type(),
                        k -> new TypeDocuments());
                t.replace(stored, next);
                undo.push(() -> t.replace(next, stored));
                return next;
            }

            @Override
            public List<Document> list(String type, String owner) {
                ensureOpen();
                TypeDocuments t = d.documents.get(type);
                if (t == null) {
                    return List.of();
                }
                Map<String, Document> found = owner == null ? t.byId : t.byOwner.getOrDefault(owner, Map.of());
                return found.values().stream().sorted(order).toList();
            }
        };

        // ---- Settings

        private final Settings settingsRepo = new Settings() {

            @Override
            public Map<String, String> of(String program) {
                ensureOpen();
                return d.settings.getOrDefault(program, Map.of());
            }

            @Override
            public void put(String program, Map<String, String> read, Map<String, String> values) {
                Checks.identifier(program, "program", Limits.CODE);
                Checks.notNull(read, "settings read");
                Map<String, String> stored = Checks.sortedMap(values, "settings");
                if (!d.settings.getOrDefault(program, Map.of()).equals(read)) {
                    throw new StaleWriteException("the settings of " + program + " were changed meanwhile;"
                            + " read them again and put what follows from them");
                }
                write(d.settings, program, stored);
            }
        };

        // ---- Cards

        private final Cards cardsRepo = new Cards() {

            @Override
            public Optional<Card> find(String number) {
                ensureOpen();
                return number == null ? Optional.empty() : Optional.ofNullable(d.cards.get(number));
            }

            @Override
            public void insert(Card card) {
                Checks.notNull(card, "card");
                if (d.cards.containsKey(card.number())) {
                    throw new DuplicateKeyException("card number", card.number());
                }
                write(d.cards, card.number(), card);
            }

            @Override
            public void update(Card read, Card card) {
                Checks.replacing(read, card, Card::number, "card");
                Card stored = d.cards.get(card.number());
                if (stored == null) {
                    throw new InvalidValueException("card " + card.number() + " does not exist; insert it first");
                }
                if (!stored.sameAs(read)) {
                    throw new StaleWriteException("card " + card.number() + " was changed meanwhile;"
                            + " read it again and update what follows from it");
                }
                write(d.cards, card.number(), card);
            }

            @Override
            public List<Card> all() {
                ensureOpen();
                return List.copyOf(d.cards.values());
            }
        };

        // ---- Customers (find(String) is shared with Cards by erasure, so customers get their own view)

        private final Customers customers = new Customers() {
            @Override
            public Optional<Customer> find(String id) {
                ensureOpen();
                return Optional.ofNullable(d.customers.get(id));
            }

            @Override
            public Optional<Customer> findByNumber(String number) {
                ensureOpen();
                String id = number == null ? null : d.customerNumbers.get(number);
                return id == null ? Optional.empty() : Optional.ofNullable(d.customers.get(id));
            }

            @Override
            public void insert(Customer customer) {
                Checks.notNull(customer, "customer");
                if (d.customers.containsKey(customer.id())) {
                    throw new DuplicateKeyException("customer id", customer.id());
                }
                save(customer);
            }

            @Override
            public void update(Customer read, Customer customer) {
                Checks.replacing(read, customer, Customer::id, "customer");
                Customer stored = d.customers.get(customer.id());
                if (stored == null) {
                    throw new InvalidValueException("customer " + customer.id() + " does not exist; insert it first");
                }
                if (!stored.equals(read)) {
                    throw new StaleWriteException("customer " + customer.id() + " was changed meanwhile;"
                            + " read it again and update what follows from it");
                }
                save(customer);
            }

            private void save(Customer customer) {
                if (customer.number() != null) {
                    Optional<Customer> holder = findByNumber(customer.number());
                    if (holder.isPresent() && !holder.get().id().equals(customer.id())) {
                        throw new DuplicateKeyException("customer number", customer.number());
                    }
                }
                Customer before = d.customers.get(customer.id());
                if (before != null && before.number() != null && !before.number().equals(customer.number())) {
                    remove(d.customerNumbers, before.number());
                }
                if (customer.number() != null) {
                    write(d.customerNumbers, customer.number(), customer.id());
                }
                write(d.customers, customer.id(), customer);
                write(d.customersById, customer.id(), customer);
            }

            @Override
            public List<Customer> all() {
                ensureOpen();
                return List.copyOf(d.customers.values());
            }

            @Override
            public List<Customer> page(String after, int limit) {
                ensureOpen();
                Customers.checkPage(limit);
                Map<String, Customer> from = after == null ? d.customersById : d.customersById.tailMap(after, false);
                List<Customer> page = new ArrayList<>(Math.min(limit, 1024));
                for (Customer c : from.values()) {
                    if (page.size() == limit) {
                        break;
                    }
                    page.add(c);
                }
                return List.copyOf(page);
            }
        };
    }
}

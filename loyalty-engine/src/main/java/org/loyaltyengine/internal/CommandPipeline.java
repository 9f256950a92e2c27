package org.loyaltyengine.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.IdempotencyConflictException;
import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.RuleFailedException;
import org.loyaltyengine.rules.facts.CommandInfo;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Balance;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.CommandLogEntry;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.FloorViolationException;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldEvent;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.LoyaltyException;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Notice;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.Rejection;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.StaleWriteException;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.StoredOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one path every command takes (DESIGN.md): idempotency look-up, locking, rule evaluation,
 * applying the decision, storing the outcome; dry runs roll back. Program facades call
 * {@link #run} and nothing else writes.
 */
public final class CommandPipeline {
    /** Reason code when the store's floor guard refuses what the rules allowed. */
    public static final String INSUFFICIENT_BALANCE = "INSUFFICIENT_BALANCE";
    /** Reason code when the acting user lacks the permission the command declares. */
    public static final String PERMISSION_REQUIRED = "PERMISSION_REQUIRED";
    /** The longest hold a rule may ask for, a year and a day, far below where minutes * 60 could overflow. */
    private static final long MAX_HOLD_MINUTES = 366L * 24 * 60;
    private static final Logger LOG = LoggerFactory.getLogger(CommandPipeline.class);
    private static final Comparator<Decision.HoldChange> CAPTURES_LAST =
            Comparator.comparing(c -> c.change() == Decision.HoldChange.Change.CAPTURE ? 1 : 0);
    private static final Comparator<Decision.Posting> DEBITS_LAST = Comparator.comparing(p -> p.amount().signum() < 0 ? 1 : 0);

    private final LoyaltyStore store;
    private final RuleSetRegistry rules;
    private final Clock clock;
    private final List<NewCustomerHook> newCustomerHooks = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CommandRequests requests = new CommandRequests(this);

    public CommandPipeline(LoyaltyStore store, RuleSetRegistry rules, Clock clock) {
        this.store = store;
        this.rules = rules;
        this.clock = clock;
    }

    public LoyaltyStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    public RuleSetRegistry rules() {
        return rules;
    }

    /** The request type of every command the programs registered: what reads a logged request back. */
    public CommandRequests requests() {
        return requests;
    }

    /** Registers a program's defaults for newly created customers, on the {@link Command} contract. */
    public void onNewCustomer(NewCustomerHook hook) {
        newCustomerHooks.add(hook);
    }

    /** Every program's defaults for newly created customers, in the order the programs registered them. */
    public List<NewCustomerHook> newCustomerHooks() {
        return List.copyOf(newCustomerHooks);
    }

    /**
     * Runs one command on the contract of {@link Command}: idempotency look-up, permission, the
     * command's keys locked, its context read once, its accounts locked, evaluation, the ledger and hold
     * writes, the command's own writes, the outcome stored; a dry run rolls back.
     */
    public <P, C> Outcome run(CommandContext ctx, P request, Command<P, C> command) {
        // A host's null is bad input, not a NullPointerException from deep inside a command.
        Checks.notNull(ctx, "command context");
        Checks.notNull(command, "command");
        Checks.notNull(request, "the request of", command.name());
        Submission submitted = submission(ctx, request, command);
        try {
            return store.inTransaction(ctx.tenant(), tx -> decide(tx, ctx, request, command, submitted));
        } catch (DuplicateKeyException | StaleWriteException collision) {
            // A concurrent submission of the same key may have won the race: it passed the key's look-up
            // with ours, held the locks first, and committed while ours waited. Ours then decided again on
            // what the winner left and met one of the winner's rows named after the key: the outcome (a
            // database store reports its unique key at commit), a hold or customer id, or the audit record,
            // which a second decision keeps again when the subject changed meanwhile (a compare-and-set
            // refusal). Ours rolled back whole, so answer with the winner's outcome. Without one under the
            // key, the refusal was of another command's write and stands.
            Optional<StoredOutcome> winner = store.inTransaction(ctx.tenant(), tx -> tx.outcomes().find(ctx.key()));
            if (winner.isEmpty()) {
                throw collision;
            }
            return replay(winner.get(), submitted, ctx);
        } catch (FloorViolationException guard) {
            // The rules allowed it but the store's guard did not: everything the command wrote has
            // been rolled back; record the refusal under the key in a transaction of its own.
            LOG.debug("store guard refused {} {}: {}", command.name(), ctx.key(), guard.getMessage());
            return store.inTransaction(ctx.tenant(), tx -> {
                Optional<StoredOutcome> first = tx.outcomes().find(ctx.key());
                if (first.isPresent()) {
                    return replay(first.get(), submitted, ctx);
                }
                Outcome refused = new Outcome(Outcome.Status.REJECTED, command.name(), ctx.key().value(),
                        ctx.dryRun(), command.ruleSet(), rules.versionInForce(command.ruleSet(), ctx.businessDate())
                        .version(), List.of(), List.of(new Rejection(INSUFFICIENT_BALANCE, guard.getMessage(), null)),
                        List.of(), List.of(), List.of(), List.of(), Map.of(), clock.instant(), ctx.actor().user());
                return finish(tx, ctx, submitted, refused);
            });
        }
    }

    /**
     * The keys one attempt of a command holds. One per run of the transaction's work: a store that runs
     * the work again (a deadlock, a lost connection) starts a fresh transaction that holds nothing yet.
     */
    private static final class HeldKeys {
        private final StoreTransaction tx;
        private final Set<LockKey> held = new java.util.HashSet<>();

        HeldKeys(StoreTransaction tx) {
            this.tx = tx;
        }

        /** Locks those of {@code keys} not held yet, in {@link LockKey} order; true if there were any. */
        boolean lockNew(Set<LockKey> keys) {
            Set<LockKey> missing = notHeld(keys);
            if (missing.isEmpty()) {
                return false;
            }
            tx.locks().lock(missing);
            held.addAll(missing);
            return true;
        }

        /** Those of {@code keys} not held, in {@link LockKey} order. */
        Set<LockKey> notHeld(Set<LockKey> keys) {
            // Nearly every command names one key or none, twice (request, then context): those need no
            // sorted copy, and a command runs this on every call.
            if (keys.isEmpty()) {
                return Set.of();
            }
            if (keys.size() == 1) {
                return held.containsAll(keys) ? Set.of() : keys;
            }
            // Only the keys not held are sorted: a batch chunk names a thousand customers, all of them held by
            // the time the pipeline checks its context's keys again.
            Set<LockKey> missing = new java.util.TreeSet<>();
            for (LockKey key : keys) {
                if (!held.contains(key)) {
                    missing.add(key);
                }
            }
            return missing;
        }

        void require(String command, LockKey key) {
            if (!held.contains(key)) {
                // A defect of the command, never of the request: it would write what it did not lock.
                throw new InternalDefectException(command + " writes under " + key + ", which it did not lock");
            }
        }
    }

    /**
     * The command's keys locked, its context read once under them (and once more should the context name
     * keys of its own that were not held yet).
     */
    private static <P, C> C load(StoreTransaction tx, HeldKeys keys, CommandContext ctx, P request,
                                 Command<P, C> command) {
        keys.lockNew(command.keys(request, ctx));
        StoreView view = new StoreView(tx);
        keys.lockNew(command.keysBeforeLoad(view, request, ctx));
        C context = command.load(view, request, ctx);
        if (keys.lockNew(command.keysOf(context))) {
            // What was read before these locks may have moved meanwhile; under them it cannot. A fresh view, so
            // nothing read once through the first one (StoreView.once) is taken from before these locks.
            context = command.load(new StoreView(tx), request, ctx);
            Set<LockKey> again = keys.notHeld(command.keysOf(context));
            if (!again.isEmpty()) {
                // The context moved onto keys it did not name before: decide again from the start.
                throw new ConcurrentChangeException(command.name() + " found new keys to lock after locking: " + again);
            }
        }
        return context;
    }

    /** Writes one of the command's writes, under a key it locked. */
    private static void write(StoreTransaction tx, HeldKeys keys, String command, Write w) {
        if (w instanceof Write.SaveDocument d) {
            keys.require(command, LockKey.document(d.document().type(), d.document().id()));
            tx.documents().save(d.document());
        } else if (w instanceof Write.InsertCard c) {
            keys.require(command, LockKey.card(c.card().number()));
            tx.cards().insert(c.card());
        } else if (w instanceof Write.UpdateCard c) {
            keys.require(command, LockKey.card(c.card().number()));
            tx.cards().update(c.read(), c.card());
        } else if (w instanceof Write.PutSettings p) {
            keys.require(command, LockKey.settings(p.program()));
            tx.settings().put(p.program(), p.read(), p.values());
        } else if (w instanceof Write.SaveCustomer c) {
            keys.require(command, LockKey.customer(c.customer().id()));
            if (c.customer().number() != null) {
                keys.require(command, LockKey.customerNumber(c.customer().number()));
            }
            if (c.read() == null) {
                tx.customers().insert(c.customer());
            } else {
                tx.customers().update(c.read(), c.customer());
            }
        } else {
            // Write is sealed; a kind added there and not here is the pipeline's defect.
            throw new InternalDefectException(command + " asks for a write the pipeline does not know: " + w);
        }
    }

    private <P, C> Outcome decide(StoreTransaction tx, CommandContext ctx, P request, Command<P, C> command,
                                  Submission submitted) {
        Optional<StoredOutcome> first = tx.outcomes().find(ctx.key());
        if (first.isPresent()) {
            return replay(first.get(), submitted, ctx);
        }
        Permission needed = Checks.notNull(command.permission(request), "permission of", command.name());
        if (!needed.grantedTo(ctx.actor())) {
            // Before anything is locked, read or evaluated: a user without the permission learns
            // nothing about the state and no rule can be reached.
            return finish(tx, ctx, submitted, refused(ctx, command, needed));
        }
        HeldKeys keys = new HeldKeys(tx);
        C context = load(tx, keys, ctx, request, command);
        Map<AccountKey, BigDecimal> floors = command.accounts(context);
        Map<AccountKey, Account> accounts = new LinkedHashMap<>();
        for (Account a : tx.accounts().lock(floors.keySet())) {
            accounts.put(a.key(), a);
        }
        floors.forEach((key, floor) -> accounts.computeIfAbsent(key,
                k -> new Account(k, floor, BigDecimal.ZERO, BigDecimal.ZERO)));
        RuleSetRegistry.Compiled ruleSet = rules.inForce(command.ruleSet(), ctx.businessDate());
        Instant now = clock.instant();
        List<Object> facts = new ArrayList<>(command.facts(context, Map.copyOf(accounts)));
        facts.add(new CommandInfo(command.name(), ctx.businessDate(), now, ctx.actor().user(),
                ctx.actor().permissions(), ctx.dryRun()));
        Decision decision = Evaluator.evaluate(ruleSet, facts);
        int version = ruleSet.version().version();
        String set = ruleSet.version().ruleSet();
        List<Notice> notices = new ArrayList<>(decision.notices().size());
        for (Decision.Reason n : decision.notices()) {
            notices.add(byRule(set, version, n.rule(), () -> new Notice(n.code(), n.message(), n.rule())));
        }
        if (decision.isRejected()) {
            List<Rejection> reasons = decision.rejections().stream().map(r -> byRule(set, version, r.rule(),
                    () -> new Rejection(r.code(), r.message(), r.rule()))).toList();
            // No results: a rule that matched alongside the refusal (a reservation, a discount, a card mode)
            // would read as a figure that was applied, on an outcome that applied nothing. Only the typed
            // details the rules gave their rejections.
            Outcome rejected = new Outcome(Outcome.Status.REJECTED, command.name(), ctx.key().value(), ctx.dryRun(),
                    set, version, decision.firedRules(), reasons, List.of(), List.of(), balances(accounts.values()),
                    notices, values(decision.rejectionDetails(), set, version), now, ctx.actor().user());
            return finish(tx, ctx, submitted, rejected);
        }
        List<AuditSubject> audited = command.audited(context, decision);
        List<Map<String, String>> before = new ArrayList<>(audited.size());
        for (AuditSubject s : audited) {
            before.add(s.state().apply(tx));
        }
        Applied applied = apply(tx, ctx, decision, floors, set, version, now);
        for (Write w : command.writes(context, decision, applied)) {
            write(tx, keys, command.name(), w);
        }
        for (int i = 0; i < audited.size(); i++) {
            Map<String, String> after = audited.get(i).state().apply(tx);
            if (!after.equals(before.get(i))) {
                AuditLog.write(tx, ctx, command.name(), now, audited.get(i), before.get(i), after);
            }
        }
        List<AccountKey> changed = new ArrayList<>(floors.keySet());
        changed.sort(null);
        List<Balance> after = new ArrayList<>(changed.size());
        for (AccountKey key : changed) {
            after.add(Balance.of(tx.accounts().find(key).orElse(accounts.get(key))));
        }
        Outcome outcome = new Outcome(Outcome.Status.APPLIED, command.name(), ctx.key().value(), ctx.dryRun(), set,
                version, decision.firedRules(), List.of(), applied.entries(), applied.holds(), after, notices,
                values(decision, set, version), now, ctx.actor().user());
        return finish(tx, ctx, submitted, outcome);
    }

    /** The outcome's named values: each typed result the rules decided, as {@link org.loyaltyengine.spi.Results} keeps it. */
    private static Map<String, String> values(Decision decision, String set, int version) {
        return values(decision.results(), set, version);
    }

    private static Map<String, String> values(List<Record> records, String set, int version) {
        if (records.isEmpty()) {
            return Map.of();
        }
        if (records.size() == 1) {
            // Most commands decide one result; the outcome makes its own sorted copy of the values anyway.
            return encoded(records.get(0), set, version);
        }
        Map<String, String> values = new java.util.TreeMap<>();
        for (Record r : records) {
            values.putAll(encoded(r, set, version));
        }
        return values;
    }

    private static Map<String, String> encoded(Record result, String set, int version) {
        try {
            return org.loyaltyengine.spi.Results.encode(result);
        } catch (org.loyaltyengine.spi.InvalidValueException e) {
            // Named here rather than through byRule: the name would be built for every result that is fine.
            throw storeCannotHold(set, version, "(result " + result.getClass().getSimpleName() + ")", e);
        }
    }

    private Outcome refused(CommandContext ctx, Command<?, ?> command, Permission needed) {
        String permission = needed.name().orElseThrow();
        String message = command.name() + " needs the permission " + permission + ", which user "
                + ctx.actor().user() + " does not have; ask an administrator to grant it";
        return new Outcome(Outcome.Status.REJECTED, command.name(), ctx.key().value(), ctx.dryRun(),
                command.ruleSet(), rules.versionInForce(command.ruleSet(), ctx.businessDate()).version(), List.of(),
                List.of(new Rejection(PERMISSION_REQUIRED, message, null)), List.of(), List.of(), List.of(), List.of(),
                Map.of(), clock.instant(), ctx.actor().user());
    }

    /**
     * Stores the outcome under its key and logs the command beside it, in the one transaction (SPEC X-11);
     * a dry run rolls back and so leaves neither.
     */
    private Outcome finish(StoreTransaction tx, CommandContext ctx, Submission submitted, Outcome outcome) {
        if (ctx.dryRun()) {
            tx.setRollbackOnly();
        } else {
            tx.outcomes().save(new StoredOutcome(ctx.key(), submitted.fingerprint(), outcome));
            tx.commandLog().append(new CommandLogEntry(0, ctx.tenant(), ctx.key(), outcome.command(),
                    submitted.requestType(), ctx.actor().user(), List.copyOf(ctx.actor().permissions()),
                    ctx.businessDate(), outcome.decidedAt(), submitted.json(), outcome));
        }
        return outcome;
    }

    private static Outcome replay(StoredOutcome first, Submission submitted, CommandContext ctx) {
        // An outcome stored before fingerprints were taken of the canonical JSON carries the digest of the
        // request's text: it still answers its own request, and refuses another.
        if (!first.fingerprint().equals(submitted.fingerprint())
                && !first.fingerprint().equals(submitted.legacyFingerprint())) {
            throw new IdempotencyConflictException(ctx.key().value());
        }
        // A key is its user's: replayed to another user, the first user's outcome (balances, entries)
        // would reach someone the permission check never saw. An outcome kept from before outcomes
        // recorded their actor names no one and replays as before.
        String owner = first.outcome().actor();
        if (owner != null && !owner.equals(ctx.actor().user())) {
            throw new IdempotencyConflictException(ctx.key().value(), "another user");
        }
        return ctx.dryRun() ? first.outcome().asDryRun() : first.outcome();
    }

    private static List<Balance> balances(java.util.Collection<Account> accounts) {
        return accounts.stream().sorted(Comparator.comparing(Account::key)).map(Balance::of).toList();
    }

    private Applied apply(StoreTransaction tx, CommandContext ctx, Decision decision, Map<AccountKey, BigDecimal> floors,
                          String set, int version, Instant now) {
        List<LedgerEntry> entries = new ArrayList<>();
        List<HoldEvent> holds = new ArrayList<>();
        String user = ctx.actor().user();
        String key = ctx.key().value();
        // Releases first so freed credit is available, then captures, then postings (credits before
        // debits), then new holds: the order that can never trip a floor the decision respected.
        for (Decision.HoldChange change : inOrder(decision.holdChanges(), CAPTURES_LAST)) {
            Hold hold = tx.holds().find(change.holdId())
                    .orElseThrow(() -> new RuleFailedException(set, version, change.rule(), "it names hold "
                            + change.holdId() + ", which does not exist"));
            requireDeclared(floors, hold.account(), set, version, change.rule());
            RuleRef rule = new RuleRef(set, version, change.rule());
            boolean done;
            if (change.change() == Decision.HoldChange.Change.CAPTURE) {
                LedgerEntry entry = new LedgerEntry(0, hold.account(), EntryKind.CAPTURE, hold.amount().negate(),
                        hold.document(), hold.line(), ctx.businessDate(), now, user, null, key, rule, hold.id());
                Optional<LedgerEntry> captured = tx.holds().capture(hold.id(), entry, now);
                captured.ifPresent(entries::add);
                done = captured.isPresent();
            } else {
                done = tx.holds().settle(hold.id(), change.change() == Decision.HoldChange.Change.RELEASE
                        ? HoldState.RELEASED : HoldState.EXPIRED, now, user, rule);
            }
            if (!done) {
                throw new ConcurrentChangeException("hold " + hold.id() + " was settled by another command");
            }
            holds.add(new HoldEvent(hold.id(), hold.account(), hold.amount(),
                    switch (change.change()) {
                        case CAPTURE -> HoldState.CAPTURED;
                        case RELEASE -> HoldState.RELEASED;
                        case EXPIRE -> HoldState.EXPIRED;
                    }, hold.document(), hold.line(), rule));
        }
        for (Decision.Posting p : inOrder(decision.postings(), DEBITS_LAST)) {
            requireDeclared(floors, p.account(), set, version, p.rule());
            tx.accounts().open(p.account(), floors.get(p.account()));
            LedgerEntry entry = byRule(set, version, p.rule(), () -> new LedgerEntry(0, p.account(), p.kind(),
                    p.amount(), p.document(), p.line(), ctx.businessDate(), now, user, p.note(), key,
                    new RuleRef(set, version, p.rule()), null));
            entries.add(tx.ledger().append(entry));
        }
        int n = 0;
        for (Decision.HoldRequest h : decision.holdRequests()) {
            requireDeclared(floors, h.account(), set, version, h.rule());
            tx.accounts().open(h.account(), floors.get(h.account()));
            RuleRef rule = new RuleRef(set, version, h.rule());
            // Derived from the idempotency key, so a retried transaction and a dry run name holds alike.
            String id = key + "#h" + (++n);
            // Bounded before it becomes an instant: minutes * 60 must not wrap into a hold expired at birth.
            if (h.expiresInMinutes() > MAX_HOLD_MINUTES) {
                throw new org.loyaltyengine.spi.InvalidValueException("rule '" + h.rule() + "' asks for a hold of "
                        + h.expiresInMinutes() + " minutes; a hold lives at most " + MAX_HOLD_MINUTES + " minutes");
            }
            Hold hold = byRule(set, version, h.rule(), () -> Hold.pending(id, h.account(), h.amount(), h.document(),
                    h.line(), now, h.expiresInMinutes() > 0 ? now.plusSeconds(h.expiresInMinutes() * 60) : null, user,
                    rule));
            tx.holds().place(hold);
            holds.add(new HoldEvent(id, h.account(), h.amount(), HoldState.PENDING, h.document(), h.line(), rule));
        }
        return new Applied(List.copyOf(entries), List.copyOf(holds));
    }

    /** {@code list} sorted stably by {@code order}; one of none or one element as it is (most decisions). */
    private static <T> List<T> inOrder(List<T> list, Comparator<T> order) {
        if (list.size() < 2) {
            return list;
        }
        List<T> sorted = new ArrayList<>(list);
        sorted.sort(order);
        return sorted;
    }

    private static void requireDeclared(Map<AccountKey, BigDecimal> floors, AccountKey account, String set, int version,
                                        String rule) {
        if (account == null) {
            throw new RuleFailedException(set, version, rule, "it names no account");
        }
        if (!floors.containsKey(account)) {
            throw new RuleFailedException(set, version, rule, "it touches account " + account
                    + ", which the command did not declare (and so did not lock)");
        }
    }

    /**
     * Turns what a rule decided into a value of the store; a value the input contract refuses (a blank
     * reason code, a message too long, an amount no ledger column holds) is the rule's fault, named as such.
     */
    private static <T> T byRule(String set, int version, String rule, java.util.function.Supplier<T> value) {
        try {
            return value.get();
        } catch (org.loyaltyengine.spi.InvalidValueException e) {
            throw storeCannotHold(set, version, rule, e);
        }
    }

    private static RuleFailedException storeCannotHold(String set, int version, String rule,
                                                       org.loyaltyengine.spi.InvalidValueException e) {
        return new RuleFailedException(set, version, rule, "it decided a value the store cannot hold: " + e.getMessage(), e);
    }

    /**
     * The request's canonical JSON, taken once: logged as it is, and fingerprinted (with the command and the
     * business date) to tell a repeat of a key from a conflicting reuse. What the command leaves out of its
     * fingerprint ({@link Command#fingerprinted}) is written once more without it.
     */
    private <P> Submission submission(CommandContext ctx, P request, Command<P, ?> command) {
        String json = CanonicalJson.write(request);
        assert requests.roundTrips(command.name(), request, json);
        Object fingerprinted = command.fingerprinted(request);
        String printed = fingerprinted == request ? json : CanonicalJson.write(fingerprinted);
        return new Submission(command.name(), ctx.businessDate(), request, json,
                digest("json\n" + command.name() + "\n" + ctx.businessDate() + "\n" + printed));
    }

    /**
     * A request as the pipeline received it: its JSON and its fingerprint. The fingerprint outcomes were
     * stored under before (of the request's {@code toString()}) is worked out only when a key is repeated.
     */
    private record Submission(String command, java.time.LocalDate businessDate, Object request, String json,
                              String fingerprint) {
        String requestType() {
            return request.getClass().getName();
        }

        String legacyFingerprint() {
            return digest(command + "\n" + businessDate + "\n" + request);
        }
    }

    private static String digest(String text) {
        return HexFormat.of().formatHex(SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The fingerprint outcomes were stored under before the canonical JSON: of the request's text. */
    static String legacyFingerprint(String command, CommandContext ctx, Object payload) {
        return digest(command + "\n" + ctx.businessDate() + "\n" + payload);
    }

    /**
     * One digest per thread, kept: every command looked SHA-256 up among the security providers and made a
     * new digest with its buffers. {@code digest} leaves it reset for the next command.
     */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new InternalDefectException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    });

    /** Another command changed what this one decided on; with accounts locked this indicates a store bug. */
    public static final class ConcurrentChangeException extends LoyaltyException {
        private static final long serialVersionUID = 1L;

        ConcurrentChangeException(String message) {
            super("CONCURRENT_CHANGE", message);
        }
    }
}

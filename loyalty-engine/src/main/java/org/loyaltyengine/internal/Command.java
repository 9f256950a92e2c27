package org.loyaltyengine.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * One kind of command, as the pipeline drives it (docs/architecture.md, "The command contract"):
 *
 * <ol>
 *   <li>{@link #keys}: the keys the command may write under, from the request alone (the receipt it
 *       names, the card it defines, the settings it changes); the pipeline locks them in
 *       {@link LockKey} order before anything is read;</li>
 *   <li>{@link #load}: everything the command decides on, read once through a read-only
 *       {@link StoreView}, into a context record; keys learnt only from it ({@link #keysOf}) are
 *       locked next, and the context is read once more under them;</li>
 *   <li>{@link #accounts}: the accounts it may change, derived from that context; the pipeline locks
 *       them (after the keys, in {@code AccountKey} order) and reads them once;</li>
 *   <li>{@link #facts}: what the rules see, a pure function of context and accounts; the pipeline
 *       evaluates the rule set in force;</li>
 *   <li>{@link #writes}: the documents, cards, settings and customers an applied decision changes, a
 *       pure function of context, decision and what the pipeline wrote to the ledger.</li>
 * </ol>
 *
 * A command never touches the store's transaction: it cannot write, lock, commit, look up an
 * idempotency key or retry. Validation that refuses a request belongs in {@link #load}, before the
 * ledger is written.
 *
 * @param <P> the request, a record of values that {@link CanonicalJson} writes and reads back as an equal
 *            record: logged as that JSON, and fingerprinted in it to tell a repeat from a conflicting reuse
 *            of an idempotency key
 * @param <C> the command's context: what {@link #load} read
 */
public interface Command<P, C> {
    /** A stable name such as {@code pos-card.add-item}; recorded in the outcome. */
    String name();

    /**
     * What of the request its idempotency fingerprint is taken of: all of it, unless part of the record is
     * the engine's own bookkeeping rather than what was asked (then the request without it).
     */
    default Object fingerprinted(P request) {
        return request;
    }

    /** The rule set that decides this command. */
    String ruleSet();

    /**
     * The permission this request needs, or {@link Permission#none()}. The pipeline refuses the command
     * ({@code PERMISSION_REQUIRED}) before it locks, reads or evaluates anything.
     */
    Permission permission(P request);

    /** Keys to lock before the context is read; none by default. */
    default Set<LockKey> keys(P request, CommandContext ctx) {
        return Set.of();
    }

    /**
     * Keys the command can tell from a small read before its context is read (the account keys of a batch
     * job's page), locked after {@link #keys} so that the context, read once under them, names no key that is
     * not held yet and need not be read a second time. Whatever {@link #keysOf} names beyond these still makes
     * the pipeline lock it and read the context again, so a command that guesses short stays correct; it only
     * reads twice. What it reads here the {@link #load} after it may take through {@link StoreView#once}, on the
     * same view; a load again after more locks, and a re-run of the transaction, get a fresh view. None by default.
     */
    default Set<LockKey> keysBeforeLoad(StoreView view, P request, CommandContext ctx) {
        return Set.of();
    }

    /** Reads the context; may throw typed errors for unknown cards or documents, or invalid requests. */
    C load(StoreView view, P request, CommandContext ctx);

    /**
     * Keys learnt from the context rather than the request (the receipts of the reservations a sweep
     * expires): the pipeline locks those not locked yet and reads the context once more, under all of
     * them, since what it read first may have moved before the lock. None by default.
     */
    default Set<LockKey> keysOf(C context) {
        return Set.of();
    }

    /**
     * The accounts this command may change, each with the floor to open it with if it does not exist
     * yet (null: no floor).
     */
    default Map<AccountKey, BigDecimal> accounts(C context) {
        return Map.of();
    }

    /** The facts the rules see, besides the pipeline's {@code CommandInfo}. */
    List<Object> facts(C context, Map<AccountKey, Account> accounts);

    /** Program state an applied decision changes; {@code applied} names the holds it placed. */
    default List<Write> writes(C context, Decision decision, Applied applied) {
        return List.of();
    }

    /**
     * The settings, catalogue entries, cards or master data an applied decision changes, so the pipeline
     * keeps their history with actor and time ({@code AuditTrail}).
     */
    default List<AuditSubject> audited(C context, Decision decision) {
        return List.of();
    }
}

package org.loyaltyengine.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.StoreTransaction;

/**
 * What a program tells the pipeline about one kind of command. The pipeline owns the transaction,
 * idempotency, locking, evaluation and the ledger and hold writes; a handler only says which accounts
 * the command may touch, which facts the rules see, and how program documents change afterwards.
 *
 * <p>Handlers run inside the store's transaction and may be re-run by a store that retries, so they
 * must have no effects outside the transaction.
 *
 * @param <P> the command's payload, a record whose {@code toString()} is deterministic (it is
 *            fingerprinted to tell a repeat from a conflicting reuse of an idempotency key)
 */
public interface CommandHandler<P> {
    /** A stable name such as {@code pos-card.add-item}; recorded in the outcome. */
    String command();

    /** The rule set that decides this command. */
    String ruleSet();

    /**
     * The permission the acting user needs, or {@link Permission#none()}. The pipeline refuses the
     * command ({@code PERMISSION_REQUIRED}) before it locks, reads or evaluates anything.
     */
    Permission permission();

    /**
     * The permission this request needs: {@link #permission()} unless the request carries something
     * only a more trusted user may do (a booking line whose points are typed in by hand creates
     * points, so it needs what a manual points entry needs).
     */
    default Permission permission(P payload) {
        return permission();
    }

    /**
     * The accounts this command may change, each with the floor to open it with if it does not exist
     * yet (null: no floor). Read-only; may throw typed errors for unknown cards or documents.
     */
    Map<AccountKey, BigDecimal> accounts(StoreTransaction tx, P payload, CommandContext ctx);

    /** The facts the rules see, read after the accounts above were locked. */
    List<Object> facts(StoreTransaction tx, P payload, CommandContext ctx, Map<AccountKey, Account> accounts);

    /**
     * Records program state (documents, cards) for an applied decision, after its ledger entries and
     * hold changes were written. {@code applied} gives the ids of the holds the decision placed.
     */
    default void record(StoreTransaction tx, P payload, CommandContext ctx, Decision decision, Applied applied) {
    }

    /**
     * The settings, catalogue entries, cards or master data an applied decision changes, so the pipeline
     * keeps their history with actor and time ({@code AuditTrail}). Asked after the decision and before
     * {@link #record}; a command that changes only money and documents has none (its ledger entries
     * record actor and time themselves).
     */
    default List<AuditSubject> audited(StoreTransaction tx, P payload, CommandContext ctx, Decision decision) {
        return List.of();
    }
}

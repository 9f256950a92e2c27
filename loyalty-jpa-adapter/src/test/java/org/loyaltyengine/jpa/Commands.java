package org.loyaltyengine.jpa;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Balance;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.FloorViolationException;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldEvent;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.IdempotencyKey;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.Rejection;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;

/**
 * The engine's command path in miniature, so the adapter can be driven the way the engine drives it
 * before the engine exists on this branch: look the key up, lock the accounts, decide on the locked
 * state, apply, store the outcome under the key; a rejection is stored too. A key collision re-reads
 * and returns the stored outcome. The work is re-runnable, as the SPI requires.
 */
final class Commands {
    static final RuleRef RULE = new RuleRef("jpa-test", 1, "command");
    static final LocalDate DAY = LocalDate.of(2026, 3, 1);
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    static final String INSUFFICIENT = "INSUFFICIENT_CREDIT";
    static final String NOT_PENDING = "HOLD_NOT_PENDING";

    private final LoyaltyStore store;
    private final TenantId tenant;

    Commands(LoyaltyStore store, TenantId tenant) {
        this.store = store;
        this.tenant = tenant;
    }

    static AccountKey account(String owner) {
        return new AccountKey(owner, "pos-card", Unit.currency("CZK"));
    }

    static LedgerEntry entry(AccountKey account, EntryKind kind, BigDecimal amount, String key, String holdId) {
        return new LedgerEntry(0, account, kind, amount, "receipt-" + key, null, DAY, NOW, "cashier", null, key, RULE,
                holdId);
    }

    void open(AccountKey account, String topUp) {
        store.inTransaction(tenant, tx -> {
            tx.accounts().open(account, BigDecimal.ZERO);
            return tx.ledger().append(entry(account, EntryKind.TOP_UP, new BigDecimal(topUp), "open-" + account, null));
        });
    }

    Outcome topUp(String key, AccountKey account, BigDecimal amount) {
        return run(key, "top-up", account, tx -> List.of(tx.ledger().append(entry(account, EntryKind.TOP_UP, amount,
                key, null))), List.of());
    }

    Outcome draw(String key, AccountKey account, BigDecimal amount) {
        return run(key, "draw", account, tx -> List.of(tx.ledger().append(entry(account, EntryKind.CONSUME,
                amount.negate(), key, null))), List.of());
    }

    /** A draw of more than the account has available at the moment it holds the lock. */
    Outcome overdraw(String key, AccountKey account, BigDecimal beyond) {
        return run(key, "draw", account, tx -> {
            Account locked = tx.accounts().lock(List.of(account)).get(0);
            return List.of(tx.ledger().append(entry(account, EntryKind.CONSUME,
                    locked.available().add(beyond).negate(), key, null)));
        }, List.of());
    }

    Outcome hold(String key, AccountKey account, String holdId, BigDecimal amount) {
        return run(key, "hold", account, tx -> {
            tx.holds().place(Hold.pending(holdId, account, amount, "receipt-" + key, null, NOW,
                    NOW.plusSeconds(1800), "cashier", RULE));
            return List.of();
        }, List.of(new HoldEvent(holdId, account, amount, HoldState.PENDING, "receipt-" + key, null, RULE)));
    }

    Outcome capture(String key, AccountKey account, String holdId, BigDecimal amount) {
        return run(key, "capture", account, tx -> List.of(tx.holds().capture(holdId,
                entry(account, EntryKind.CAPTURE, amount.negate(), key, holdId), NOW)
                .orElseThrow(() -> new NotPending(holdId))), List.of());
    }

    Outcome release(String key, AccountKey account, String holdId) {
        return run(key, "release", account, tx -> {
            if (!tx.holds().settle(holdId, HoldState.RELEASED, NOW, "cashier", RULE)) {
                throw new NotPending(holdId);
            }
            return List.of();
        }, List.of());
    }

    /**
     * One command. A business refusal (floor, hold already settled) rolls the attempt back and stores
     * a rejected outcome in a transaction of its own, as the engine does.
     */
    private Outcome run(String key, String command, AccountKey account,
                        Function<StoreTransaction, List<LedgerEntry>> apply, List<HoldEvent> holds) {
        IdempotencyKey k = IdempotencyKey.of(key);
        try {
            return store.inTransaction(tenant, tx -> {
                var stored = tx.outcomes().find(k);
                if (stored.isPresent()) {
                    return stored.get().outcome();
                }
                tx.accounts().lock(List.of(account));
                List<LedgerEntry> entries = apply.apply(tx);
                Account after = tx.accounts().find(account).orElseThrow();
                Outcome outcome = new Outcome(Outcome.Status.APPLIED, command, key, false, RULE.ruleSet(), 1,
                        List.of(RULE.rule()), List.of(), entries, holds, List.of(Balance.of(after)), List.of(),
                        Map.of(), NOW, "tester");
                tx.outcomes().save(new StoredOutcome(k, command, outcome));
                return outcome;
            });
        } catch (FloorViolationException e) {
            return reject(k, command, INSUFFICIENT, e.getMessage());
        } catch (NotPending e) {
            return reject(k, command, NOT_PENDING, e.getMessage());
        } catch (DuplicateKeyException e) {
            return stored(k);
        }
    }

    private Outcome reject(IdempotencyKey k, String command, String code, String message) {
        Outcome outcome = new Outcome(Outcome.Status.REJECTED, command, k.value(), false, RULE.ruleSet(), 1,
                List.of(RULE.rule()), List.of(new Rejection(code, message, RULE.rule())), List.of(), List.of(),
                List.of(), List.of(), Map.of(), NOW, "tester");
        try {
            return store.inTransaction(tenant, tx -> {
                var stored = tx.outcomes().find(k);
                if (stored.isPresent()) {
                    return stored.get().outcome();
                }
                tx.outcomes().save(new StoredOutcome(k, command, outcome));
                return outcome;
            });
        } catch (DuplicateKeyException e) {
            return stored(k);
        }
    }

    Outcome stored(IdempotencyKey k) {
        return store.inTransaction(tenant, tx -> tx.outcomes().find(k).orElseThrow().outcome());
    }

    /** Everything the tenant holds, in a form two tenants can be compared by (sequences zeroed). */
    Snapshot snapshot(List<AccountKey> accounts) {
        return store.inTransaction(tenant, tx -> {
            List<Object> state = new ArrayList<>();
            for (AccountKey a : accounts) {
                state.add(tx.accounts().find(a).orElse(null));
                state.add(tx.ledger().entries(a).stream().map(e -> e.withSequence(0)).toList());
                state.add(tx.holds().pending(a));
            }
            state.add(tx.outcomes().all().stream().map(o -> o.key() + "=" + o.outcome().status() + ":"
                    + o.outcome().entries().stream().map(e -> e.withSequence(0)).toList()).toList());
            return new Snapshot(state);
        });
    }

    record Snapshot(List<Object> state) {
    }

    /** The hold was settled before this command reached it: a business answer, not a failure. */
    static final class NotPending extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotPending(String holdId) {
            super("hold " + holdId + " is no longer pending");
        }
    }
}

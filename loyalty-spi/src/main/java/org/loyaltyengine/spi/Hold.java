package org.loyaltyengine.spi;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A reservation on an account: it lowers the available balance without posting, until it is captured
 * (a ledger entry makes it final), released, or expires.
 *
 * @param actor       who placed it, {@code rule} the rule that did
 * @param settledBy   who made the terminal transition, {@code settleRule} the rule that did; both null
 *                    while pending
 */
public record Hold(String id, AccountKey account, BigDecimal amount, String document, String line, HoldState state,
                   Instant placedAt, Instant expiresAt, Instant settledAt, String actor, RuleRef rule,
                   String settledBy, RuleRef settleRule) {
    public Hold {
        Checks.identifier(id, "hold id", Limits.IDENTIFIER);
        Checks.notNull(account, "account");
        Checks.positive(amount, "hold amount");
        Checks.optionalIdentifier(document, "hold document", Limits.IDENTIFIER);
        Checks.optionalIdentifier(line, "hold line", Limits.IDENTIFIER);
        Checks.notNull(state, "hold state");
        Checks.instant(placedAt, "placed time");
        Checks.optionalInstant(expiresAt, "expiry time");
        Checks.optionalInstant(settledAt, "settled time");
        Checks.identifier(actor, "actor", Limits.IDENTIFIER);
        Checks.notNull(rule, "rule");
        Checks.optionalIdentifier(settledBy, "settled by", Limits.IDENTIFIER);
        if (state.isTerminal() != (settledAt != null) || state.isTerminal() != (settledBy != null)
                || state.isTerminal() != (settleRule != null)) {
            throw new InvalidValueException("a hold has a settled time, user and rule exactly when it is terminal");
        }
    }

    public boolean isPending() {
        return state == HoldState.PENDING;
    }

    /**
     * Pending and past its expiry at {@code now} (expiring at or before it): what the expiry sweep
     * ({@link Holds#expiredBy}) settles, and what no payment may capture before the sweep has run.
     */
    public boolean hasRunOutBy(Instant now) {
        return isPending() && expiresAt != null && !expiresAt.isAfter(now);
    }

    /** A new pending hold. */
    public static Hold pending(String id, AccountKey account, BigDecimal amount, String document, String line,
                               Instant placedAt, Instant expiresAt, String actor, RuleRef rule) {
        return new Hold(id, account, amount, document, line, HoldState.PENDING, placedAt, expiresAt, null, actor, rule,
                null, null);
    }

    public Hold settle(HoldState to, Instant at, String by, RuleRef byRule) {
        return new Hold(id, account, amount, document, line, to, placedAt, expiresAt, at, actor, rule, by, byRule);
    }
}

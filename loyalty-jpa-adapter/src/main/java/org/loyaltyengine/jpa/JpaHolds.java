package org.loyaltyengine.jpa;

import static org.loyaltyengine.jpa.JpaShared.BY_KEY;
import static org.loyaltyengine.jpa.JpaShared.byKey;
import static org.loyaltyengine.jpa.JpaShared.unique;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.DuplicateKeyException;
import org.loyaltyengine.spi.FloorViolationException;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.Holds;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.Limits;
import org.loyaltyengine.spi.RuleRef;

/**
 * The holds of one {@link JpaTransaction}. A hold's transition out of PENDING is a compare-and-set
 * UPDATE whose row count decides the one winner.
 */
final class JpaHolds extends JpaRepository implements Holds {
    private final JpaLedger ledger;

    JpaHolds(JpaTransaction tx, JpaShared shared, JpaLedger ledger) {
        super(tx, shared);
        this.ledger = ledger;
    }

    private Optional<HoldRow> holdRow(String holdId) {
        Optional<HoldRow> row = unique(s.query("select h from HoldRow h where h.tenant = :t and h.holdId = :h",
                HoldRow.class).setParameter("h", holdId));
        // A managed instance may predate a compare-and-set this transaction made; read it again.
        row.ifPresent(s.em::refresh);
        return row;
    }

    private static void moveHeld(AccountRow row, BigDecimal delta) {
        Account a = row.toAccount();
        row.set(new Account(a.key(), a.floor(), a.balance(), a.held().add(delta)));
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
        AccountRow account = s.existingLocked(hold.account());
        int changed = s.em.createQuery("update HoldRow h set h.state = :to, h.settledAt = :at, h.settledBy = :by,"
                        + " h.settleRuleSet = :rs, h.settleRuleVersion = :rv, h.settleRuleName = :rn,"
                        + " h.version = h.version + 1 where h.tenant = :t and h.holdId = :h and h.state = :pending")
                .setParameter("to", to.name()).setParameter("at", Decimals.nanos(at)).setParameter("by", by)
                .setParameter("rs", rule.ruleSet()).setParameter("rv", rule.version()).setParameter("rn", rule.rule())
                .setParameter("t", s.t)
                .setParameter("h", holdId).setParameter("pending", HoldState.PENDING.name()).executeUpdate();
        if (changed == 0) {
            return Optional.empty();
        }
        s.writeOnce.holdTransition(new HoldTransitionRow(s.t, holdId, to.name(), Decimals.nanos(at)));
        moveHeld(account, hold.amount().negate());
        s.em.flush();
        s.em.refresh(hold);
        return Optional.of(hold);
    }

    @Override
    public Hold place(Hold hold) {
        Checks.notNull(hold, "hold");
        if (!hold.isPending()) {
            throw new InvalidValueException("a hold is placed pending, was " + hold.state());
        }
        return tx.call(() -> {
            if (holdRow(hold.id()).isPresent()) {
                throw new DuplicateKeyException("hold", hold.id());
            }
            AccountRow row = s.existingLocked(hold.account());
            Account a = row.toAccount();
            if (!a.allows(hold.amount())) {
                throw new FloorViolationException(a.key(), a.available(), hold.amount());
            }
            s.em.persist(new HoldRow(s.t, row.id, hold));
            moveHeld(row, hold.amount());
            s.em.flush();
            return hold;
        }, () -> new DuplicateKeyException("hold", hold.id()));
    }

    @Override
    public Optional<Hold> find(String holdId) {
        if (!Checks.isIdentifier(holdId, Limits.IDENTIFIER)) {
            return Optional.empty();
        }
        return tx.call(() -> holdRow(holdId).map(HoldRow::toHold));
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
        return tx.call(() -> transition(holdId, to, at, by, rule).isPresent());
    }

    @Override
    public Optional<LedgerEntry> capture(String holdId, LedgerEntry entry, Instant at) {
        Checks.notNull(entry, "entry");
        Checks.instant(at, "captured time");
        if (!Checks.isIdentifier(holdId, Limits.IDENTIFIER)) {
            return Optional.empty();
        }
        return tx.call(() -> {
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
            return Optional.of(ledger.appendEntry(entry, BigDecimal.ZERO));
        });
    }

    @Override
    public List<Hold> pending(AccountKey account) {
        Checks.notNull(account, "account key");
        return tx.call(() -> byKey(s.query("select r from HoldRow r where r.tenant = :t and r.state = :s" + BY_KEY
                + " order by r.id", HoldRow.class).setParameter("s", HoldState.PENDING.name()), account)
                .getResultList().stream().map(HoldRow::toHold).toList());
    }

    @Override
    public List<Hold> ofDocument(String document) {
        if (!Checks.isIdentifier(document, Limits.IDENTIFIER)) {
            return List.of();
        }
        return tx.call(() -> s.query("select h from HoldRow h where h.tenant = :t and h.document = :d order by h.id",
                HoldRow.class).setParameter("d", document).getResultList().stream().map(HoldRow::toHold).toList());
    }

    @Override
    public List<Hold> expiredBy(Instant now) {
        Checks.instant(now, "now");
        return tx.call(() -> s.query("select h from HoldRow h where h.tenant = :t and h.state = :s"
                + " and h.expiresAt <= :now order by h.id", HoldRow.class)
                .setParameter("s", HoldState.PENDING.name()).setParameter("now", Decimals.nanos(now))
                .getResultList().stream().map(HoldRow::toHold).toList());
    }
}

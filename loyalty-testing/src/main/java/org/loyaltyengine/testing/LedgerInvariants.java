package org.loyaltyengine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.Outcome;
import org.loyaltyengine.spi.TenantId;

/**
 * The ledger's invariants (SPEC ), checked on any store after any command, for a host's own
 * property-based suite as for the engine's: take a {@link #ledger snapshot} of the accounts a command may
 * move, run it, take another, and check the step. What each program's model predicts (how much a command
 * moves, which holds it settles) stays with the property; these are what holds whatever the program.
 *
 * <ul>
 *   <li>the ledger is append-only: every entry seen before is still there, unchanged;</li>
 *   <li>an applied command wrote exactly the entries its outcome reports, in that order, none of zero;</li>
 *   <li>a rejected command gives reason codes with messages, and wrote and reports no entry and no hold event;</li>
 *   <li>value is conserved: an account's balance is the sum of its ledger, its held amount the sum of its
 *       pending holds, and its available balance never below its floor;</li>
 *   <li>per document, the holds settled never exceed those placed, and what its captured holds reserved
 *       is what its capture entries drew.</li>
 * </ul>
 */
public final class LedgerInvariants {
    private LedgerInvariants() {
    }

    /** The entries of {@code account} as the store holds them now. */
    public static List<LedgerEntry> ledger(LoyaltyStore store, TenantId tenant, AccountKey account) {
        return store.inTransaction(tenant, tx -> List.copyOf(tx.ledger().entries(account)));
    }

    /** The sum of the entries' amounts. */
    public static BigDecimal sum(Collection<LedgerEntry> entries) {
        return entries.stream().map(LedgerEntry::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** The sum of the amounts of the entries of one kind. */
    public static BigDecimal sum(Collection<LedgerEntry> entries, EntryKind kind) {
        return sum(entries.stream().filter(e -> e.kind() == kind).toList());
    }

    /**
     * What was appended between two snapshots of one ledger, after checking that nothing seen before was
     * changed or removed: a ledger is append-only.
     */
    public static List<LedgerEntry> written(List<LedgerEntry> before, List<LedgerEntry> after, String step) {
        Map<Long, LedgerEntry> now = new HashMap<>();
        after.forEach(e -> now.put(e.sequence(), e));
        for (LedgerEntry e : before) {
            assertEquals(e, now.get(e.sequence()), () -> step + ": the ledger is append-only, entry " + e.sequence()
                    + " changed or went");
        }
        List<LedgerEntry> added = new ArrayList<>();
        java.util.Set<Long> seen = new java.util.HashSet<>();
        before.forEach(e -> seen.add(e.sequence()));
        for (LedgerEntry e : after) {
            if (!seen.contains(e.sequence())) {
                added.add(e);
            }
        }
        return added;
    }

    /**
     * The outcome reports what the command did: applied, exactly the entries it wrote (as read back from
     * the ledger), none of zero amount; rejected, reason codes with messages and no entry or hold event,
     * and nothing written.
     *
     * @param written the entries appended while the command ran, e.g. by {@link #written}
     */
    public static void assertWroteWhatItReports(Outcome outcome, List<LedgerEntry> written, String step) {
        if (outcome.rejected()) {
            assertFalse(outcome.reasonCodes().isEmpty(), () -> step + ": a rejection without a reason");
            outcome.rejections().forEach(r -> assertFalse(r.message().isBlank(), () -> step + ": reason "
                    + r.code() + " without a message"));
            assertTrue(written.isEmpty(), () -> step + ": a rejected command wrote " + written);
            assertTrue(outcome.entries().isEmpty(), () -> step + ": a rejected outcome reports entries "
                    + outcome.entries());
            assertTrue(outcome.holds().isEmpty(), () -> step + ": a rejected outcome reports hold events "
                    + outcome.holds());
            return;
        }
        assertEquals(written, outcome.entries(), () -> step + ": the outcome reports exactly what was written");
        outcome.entries().forEach(e -> assertTrue(e.amount().signum() != 0, () -> step + ": an entry of zero " + e));
    }

    /**
     * Value is conserved on {@code account}: its balance is the sum of {@code ledger} (its entries, read
     * in the same state), its held amount the sum of its pending holds, and what is available never below
     * its floor. An account not opened yet has no entries.
     */
    public static void assertBalanced(LoyaltyStore store, TenantId tenant, AccountKey account, List<LedgerEntry> ledger,
                                      String step) {
        record State(Account account, List<Hold> pending) {
        }
        State s = store.inTransaction(tenant, tx -> new State(tx.accounts().find(account).orElse(null),
                List.copyOf(tx.holds().pending(account))));
        BigDecimal sum = sum(ledger);
        if (s.account() == null) {
            assertEquals(0, sum.signum(), () -> step + ": entries on " + account + ", which has no account");
            assertTrue(s.pending().isEmpty(), () -> step + ": holds on " + account + ", which has no account");
            return;
        }
        Account a = s.account();
        assertEquals(0, sum.compareTo(a.balance()), () -> step + ": balance " + a.balance() + " of " + account
                + " == sum of its ledger " + sum);
        BigDecimal pending = s.pending().stream().map(Hold::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, pending.compareTo(a.held()), () -> step + ": held " + a.held() + " of " + account
                + " == its pending holds " + pending);
        assertTrue(!a.hasFloor() || a.available().compareTo(a.floor()) >= 0, () -> step + ": available "
                + a.available() + " of " + account + " below its floor " + a.floor());
    }

    /**
     * The holds of {@code document}: those settled never reserve more than all placed, and the captured
     * ones reserved exactly what the document's capture entries in {@code ledger} drew.
     *
     * @return the amount all holds of the document reserved, for the property's model to compare
     */
    public static BigDecimal assertHoldsOfDocument(LoyaltyStore store, TenantId tenant, String document,
                                                   List<LedgerEntry> ledger, String step) {
        List<Hold> holds = store.inTransaction(tenant, tx -> List.copyOf(tx.holds().ofDocument(document)));
        BigDecimal reserved = holds.stream().map(Hold::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal settled = holds.stream().filter(h -> !h.isPending()).map(Hold::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal captured = holds.stream().filter(h -> h.state() == HoldState.CAPTURED).map(Hold::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal drawn = sum(ledger.stream().filter(e -> e.kind() == EntryKind.CAPTURE
                && document.equals(e.document())).toList()).negate();
        assertTrue(settled.compareTo(reserved) <= 0, () -> step + ": given back or drawn beyond reserved on " + document);
        assertEquals(0, captured.compareTo(drawn), () -> step + ": drawn on " + document + " " + drawn
                + " == its captured holds " + captured);
        return reserved;
    }
}

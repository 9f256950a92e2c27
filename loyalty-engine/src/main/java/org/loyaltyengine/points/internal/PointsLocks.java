package org.loyaltyengine.points.internal;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LockKey;

/**
 * The keys the points commands lock, so that what they read holds until they commit.
 *
 * <p>A customer's points ledger is guarded by that customer's key ({@link #customer}): every command that
 * reads or writes a customer's entries holds it. The pipeline reads a command's context before it locks the
 * accounts, so the account lock alone would let a context hold entries another command is changing
 * meanwhile: a cancellation taking back points the expiry has just expired (the customer loses them twice),
 * a payment spending points earned this year on another booking, a second expiry run that does not see the
 * first. Holding the customer's key, each decides on that customer's ledger as the one before left it, and
 * commands on different customers do not wait for each other.
 *
 * <p>What concerns every customer at once is guarded by the program's settings key ({@link #PROGRAM_WIDE}):
 * the currency may change only while no booking and no points account exists, and the year-end expiry reads
 * the set of points accounts. A command that may open a customer's first points account (a booking or a
 * manual entry for a customer without entries) therefore holds it too, so a first booking and a change of
 * the currency never pass each other, and no account appears under an expiry run. A customer with entries
 * has an account already, which a change of the currency counts and refuses on; their commands do not hold
 * it.
 *
 * <p>Order: every command locks its keys from the request first, then those learnt from its context
 * ({@code Command.keysOf}); the settings key sorts before every customer key, and no command locks a
 * customer's key before the settings key, so no two commands wait for each other in a circle.
 */
final class PointsLocks {
    /** The program's settings, and with them which customers hold a points account. */
    static final LockKey PROGRAM_WIDE = LockKey.settings(SavingsPoints.PROGRAM);

    private PointsLocks() {
    }

    /** A customer's points ledger. */
    static LockKey customer(String customerId) {
        return new LockKey(LockKey.Kind.CUSTOMER, SavingsPoints.PROGRAM, customerId);
    }

    /** A booking: what a command creating or changing it writes under. */
    static Set<LockKey> booking(String bookingId) {
        return Set.of(LockKey.document(BookingDocument.TYPE, bookingId));
    }

    /**
     * The keys of a command that writes a customer's ledger, learnt from the entries it read: the customer's,
     * and the program's when the customer has none yet (the command may open their account).
     */
    static Set<LockKey> ledgerOf(String customerId, List<LedgerEntry> customerEntries) {
        Set<LockKey> keys = new TreeSet<>();
        keys.add(customer(customerId));
        if (customerEntries.isEmpty()) {
            keys.add(PROGRAM_WIDE);
        }
        return keys;
    }
}

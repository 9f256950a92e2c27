package org.loyaltyengine.points.internal;

import java.util.Set;

import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.spi.LockKey;

/** The keys the points commands lock before they read, so that what they read holds until they commit. */
final class PointsLocks {
    /**
     * The program's ledger, held by every command that decides on customers' ledger entries or opens a points
     * account: bookings and the commands on them, manual entries, the year-end expiry, and a change of the
     * currency. The pipeline reads a command's context before it locks the accounts, so the account lock alone
     * would let a context hold entries another command is changing meanwhile: a cancellation taking back
     * points the expiry has just expired (the customer loses them twice), a payment spending points earned
     * this year on another booking, a second expiry run that does not see the first, a currency change that
     * counts no booking while the first one is made. Holding this key, each decides on the ledger as the one
     * before left it; the price is one such command at a time per tenant.
     */
    static final LockKey LEDGER = LockKey.program(SavingsPoints.PROGRAM, "ledger");

    private PointsLocks() {
    }

    /** A booking and the ledger: what a command creating or changing a booking writes under and reads. */
    static Set<LockKey> bookingAndLedger(String bookingId) {
        return Set.of(LockKey.document(BookingDocument.TYPE, bookingId), LEDGER);
    }
}

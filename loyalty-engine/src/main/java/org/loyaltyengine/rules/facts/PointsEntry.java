package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.EntryKind;

/**
 * A ledger entry of a customer's points account, as stored: the savings-points rules classify each one as
 * earned ({@link PointsEarned}), used ({@link PointsUsed}) or expired ({@link PointsExpired}) and total them.
 * A command on a booking or a manual entry shows the entries of every other document summed, one fact per kind,
 * line, whether they name a document, sign and year, with the first such entry's sequence, document, day and
 * command and the sum as its amount; every entry on its own while the customer has an expiry entry, and always in
 * the year-end run and the reports.
 *
 * @param document the document the entry names (a booking, a year-end expiry run), or null
 * @param line     the document's line (a service line, {@code payment}, {@code payment-refund}), or null
 * @param command  the command that wrote the entry, as the store records it: its idempotency key; null for
 *                 an entry written under none (a host's own). Which entries one command wrote together, and
 *                 what that means, is the rules' (ledger.drl)
 */
public record PointsEntry(long sequence, String customerId, AccountKey account, EntryKind kind, BigDecimal amount,
                          String document, String line, LocalDate businessDate, String command) {
}

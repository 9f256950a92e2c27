package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.EntryKind;

/**
 * A ledger entry of a customer's points account, as stored: the savings-points rules classify each one as
 * earned ({@link PointsEarned}), used ({@link PointsUsed}) or expired ({@link PointsExpired}) and total them.
 *
 * @param document     the document the entry names (a booking, a year-end expiry run), or null
 * @param line         the document's line (a service line, {@code payment}, {@code payment-refund}), or null
 * @param commandStart the sequence of the first entry the command that wrote this one wrote: the entries of
 *                     one command are one moment, whatever order its rules posted them in
 */
public record PointsEntry(long sequence, String customerId, AccountKey account, EntryKind kind, BigDecimal amount,
                          String document, String line, LocalDate businessDate, long commandStart) {
}

package org.loyaltyengine.rules.facts;

import java.math.BigDecimal;

import org.loyaltyengine.spi.EntryKind;

/**
 * One entry of a customer's card account, as the ledger keeps it. Every command that decides on a card
 * inserts all of them; the customer-card rules classify and total them (what a line put on a card, what
 * is left of it on the open card since the last settlement), so no figure of a card is summed in Java.
 *
 * @param kind     EARN puts a line on the card, REVERSE takes it off on unlock, ADJUST books a return,
 *                 MANUAL is a clerk's change, SETTLE books a settlement
 * @param document the sale the entry is of; null for a line added by hand
 * @param line     the line of the sale, or the manual line; null for a settlement
 * @param note     the note the entry was booked with (a clerk's note for a manual line), or null
 */
public record CardLedgerEntry(String customer, long sequence, EntryKind kind, String document, String line,
                              BigDecimal amount, String note) {
}

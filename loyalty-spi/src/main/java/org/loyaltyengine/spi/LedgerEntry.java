package org.loyaltyengine.spi;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One append-only movement on an account. The account's balance is the sum of its entries.
 *
 * @param sequence     assigned by the store on append (strictly increasing per tenant); 0 before that
 * @param amount       signed: positive adds to the balance, negative takes from it; never zero
 * @param document     the source document (receipt, booking, sale), or null for a manual change
 * @param line         the line of that document, or null
 * @param holdId       for a {@link EntryKind#CAPTURE}, the hold it made final
 * @param rule         the rule that produced the entry
 */
public record LedgerEntry(long sequence, AccountKey account, EntryKind kind, BigDecimal amount, String document,
                          String line, LocalDate businessDate, Instant recordedAt, String actor, String note,
                          String idempotencyKey, RuleRef rule, String holdId) {
    public LedgerEntry {
        if (sequence < 0) {
            throw new InvalidValueException("sequence must not be negative");
        }
        Checks.notNull(account, "account");
        Checks.notNull(kind, "entry kind");
        Checks.decimal(amount, "amount");
        if (amount.signum() == 0) {
            throw new InvalidValueException("a ledger entry must move something; amount was zero");
        }
        Checks.optionalIdentifier(document, "document", Limits.IDENTIFIER);
        Checks.optionalIdentifier(line, "line", Limits.IDENTIFIER);
        Checks.date(businessDate, "business date");
        Checks.instant(recordedAt, "recorded time");
        Checks.identifier(actor, "actor", Limits.IDENTIFIER);
        Checks.optionalMultiLine(note, "note", Limits.NOTE);
        Checks.optionalIdentifier(idempotencyKey, "idempotency key", Limits.IDEMPOTENCY_KEY);
        Checks.notNull(rule, "rule");
        Checks.optionalIdentifier(holdId, "hold id", Limits.IDENTIFIER);
    }

    public LedgerEntry withSequence(long assigned) {
        return new LedgerEntry(assigned, account, kind, amount, document, line, businessDate, recordedAt, actor, note,
                idempotencyKey, rule, holdId);
    }
}

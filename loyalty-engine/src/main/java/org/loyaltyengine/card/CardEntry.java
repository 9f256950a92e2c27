package org.loyaltyengine.card;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.loyaltyengine.spi.EntryKind;

/**
 * One movement in a card's history: EARN (a line went on), REVERSE (unlocked), ADJUST (returned),
 * MANUAL (added or removed by hand), SETTLE (the card was settled and a new one started), with the
 * acting user and the rule that produced it.
 */
public record CardEntry(long sequence, EntryKind kind, BigDecimal amount, String document, String line,
                        LocalDate businessDate, Instant recordedAt, String actor, String note, String rule) {
}

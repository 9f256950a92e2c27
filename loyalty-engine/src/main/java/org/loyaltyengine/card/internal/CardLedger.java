package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;

/**
 * A customer's card as its ledger tells it: the open card is every entry after the last SETTLE
 * entry; per line, what it put on a card (EARN and REVERSE), what is left of it on the open card (every
 * movement after the last settlement: returns and manual removals included), and what returns took off.
 * The ledger is the only truth about amounts; documents only add quantities and dates.
 */
final class CardLedger {
    record Key(String document, String line) {
    }

    static final class Sums {
        BigDecimal onCard = BigDecimal.ZERO;
        BigDecimal open = BigDecimal.ZERO;
        BigDecimal adjusted = BigDecimal.ZERO;
        BigDecimal removed = BigDecimal.ZERO;
        String note;
    }

    private static final Sums NONE = new Sums();

    private final List<LedgerEntry> entries;
    private final long lastSettle;
    private final Map<Key, Sums> lines = new LinkedHashMap<>();

    private CardLedger(List<LedgerEntry> entries) {
        this.entries = entries;
        long last = 0;
        for (LedgerEntry e : entries) {
            if (e.kind() == EntryKind.SETTLE) {
                last = e.sequence();
            }
        }
        this.lastSettle = last;
        for (LedgerEntry e : entries) {
            if (e.line() == null) {
                continue;
            }
            Sums s = lines.computeIfAbsent(new Key(e.document(), e.line()), k -> new Sums());
            boolean isOpen = e.sequence() > lastSettle;
            switch (e.kind()) {
                case EARN, REVERSE -> s.onCard = s.onCard.add(e.amount());
                case ADJUST -> s.adjusted = s.adjusted.add(e.amount());
                default -> {
                }
            }
            // What is left of the line on the open card: returns count too, so nothing that takes a line
            // off (an unlock, a clerk's removal) can take more than a credit note left of it.
            if (isOpen) {
                s.open = s.open.add(e.amount());
            }
            if (e.kind() == EntryKind.MANUAL && e.amount().signum() > 0) {
                s.note = e.note();
            }
            if (e.kind() == EntryKind.MANUAL && e.amount().signum() < 0) {
                s.removed = s.removed.add(e.amount());
            }
        }
    }

    /** The card of one account, from its entries in the order booked. */
    static CardLedger of(List<LedgerEntry> entries) {
        return new CardLedger(List.copyOf(entries));
    }

    Sums of(String document, String line) {
        return lines.getOrDefault(new Key(document, line), NONE);
    }

    boolean has(String document, String line) {
        return lines.containsKey(new Key(document, line));
    }

    /** The lines with something on the open card, in the order they first appeared. */
    List<Map.Entry<Key, Sums>> openLines() {
        List<Map.Entry<Key, Sums>> open = new ArrayList<>();
        for (Map.Entry<Key, Sums> e : lines.entrySet()) {
            if (e.getValue().open.signum() != 0) {
                open.add(e);
            }
        }
        return open;
    }

    List<LedgerEntry> entries() {
        return entries;
    }
}

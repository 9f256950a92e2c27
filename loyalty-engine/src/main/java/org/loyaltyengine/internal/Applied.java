package org.loyaltyengine.internal;

import java.util.List;

import org.loyaltyengine.spi.HoldEvent;
import org.loyaltyengine.spi.LedgerEntry;

/** What the pipeline wrote for a decision: ledger entries and hold events, in decision order. */
public record Applied(List<LedgerEntry> entries, List<HoldEvent> holds) {
    /** The id of the hold placed for {@code (document, line)}, or null. */
    public String placedHold(String document, String line) {
        return holds.stream().filter(h -> h.state() == org.loyaltyengine.spi.HoldState.PENDING
                        && java.util.Objects.equals(h.document(), document) && java.util.Objects.equals(h.line(), line))
                .map(HoldEvent::holdId).findFirst().orElse(null);
    }
}

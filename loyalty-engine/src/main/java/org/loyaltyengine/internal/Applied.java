package org.loyaltyengine.internal;

import java.util.List;
import java.util.Objects;

import org.loyaltyengine.spi.HoldEvent;
import org.loyaltyengine.spi.HoldState;
import org.loyaltyengine.spi.LedgerEntry;

/** What the pipeline wrote for a decision: ledger entries and hold events, in decision order. */
public record Applied(List<LedgerEntry> entries, List<HoldEvent> holds) {
    /** The id of the hold placed for {@code (document, line)}, or null. */
    public String placedHold(String document, String line) {
        for (HoldEvent h : holds) {
            if (h.state() == HoldState.PENDING && Objects.equals(h.document(), document)
                    && Objects.equals(h.line(), line)) {
                return h.holdId();
            }
        }
        return null;
    }
}

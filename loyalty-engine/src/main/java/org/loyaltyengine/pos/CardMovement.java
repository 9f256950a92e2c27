package org.loyaltyengine.pos;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a card's movement history (SPEC PC-7). LOAD, DRAW, MANUAL and REFUND change the credit (a
 * REFUND gives a draw back, positive, or takes a top-up back, negative; SPEC X-13);
 * RESERVATION, RELEASE and EXPIRY only change what is held, so {@link #changesCredit()} tells the two
 * apart and the credit is the sum of the amounts that change it.
 */
public record CardMovement(Kind kind, BigDecimal amount, Instant time, String user, String receipt, String line,
                           String note, String rule) {
    public enum Kind {
        LOAD, DRAW, MANUAL, RESERVATION, RELEASE, EXPIRY, REFUND;

        public boolean changesCredit() {
            return this == LOAD || this == DRAW || this == MANUAL || this == REFUND;
        }
    }

    public boolean changesCredit() {
        return kind.changesCredit();
    }
}

package org.loyaltyengine.pos;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One line of a card's movement history (SPEC PC-7). LOAD, DRAW and MANUAL change the credit;
 * RESERVATION, RELEASE and EXPIRY only change what is held, so {@link #changesCredit()} tells the two
 * apart and the credit is the sum of the amounts that change it.
 */
public record CardMovement(Kind kind, BigDecimal amount, Instant time, String user, String receipt, String line,
                           String note, String rule) {
    public enum Kind {
        LOAD, DRAW, MANUAL, RESERVATION, RELEASE, EXPIRY;

        public boolean changesCredit() {
            return this == LOAD || this == DRAW || this == MANUAL;
        }
    }

    public boolean changesCredit() {
        return kind.changesCredit();
    }
}

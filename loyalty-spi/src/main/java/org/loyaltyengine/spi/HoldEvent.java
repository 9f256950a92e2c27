package org.loyaltyengine.spi;

import java.math.BigDecimal;

/** A change a command made to a hold: placed ({@link HoldState#PENDING}) or moved to a terminal state. */
public record HoldEvent(String holdId, AccountKey account, BigDecimal amount, HoldState state, String document,
                        String line, RuleRef rule) {
    public HoldEvent {
        Checks.text(holdId, "hold id");
        Checks.notNull(account, "account");
        Checks.notNull(amount, "amount");
        Checks.notNull(state, "state");
    }
}

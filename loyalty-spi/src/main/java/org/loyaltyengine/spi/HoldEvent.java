package org.loyaltyengine.spi;

import java.math.BigDecimal;

/** A change a command made to a hold: placed ({@link HoldState#PENDING}) or moved to a terminal state. */
public record HoldEvent(String holdId, AccountKey account, BigDecimal amount, HoldState state, String document,
                        String line, RuleRef rule) {
    public HoldEvent {
        Checks.identifier(holdId, "hold id", Limits.IDENTIFIER);
        Checks.notNull(account, "account");
        Checks.decimal(amount, "amount");
        Checks.optionalIdentifier(document, "document", Limits.IDENTIFIER);
        Checks.optionalIdentifier(line, "line", Limits.IDENTIFIER);
        Checks.notNull(state, "state");
    }
}

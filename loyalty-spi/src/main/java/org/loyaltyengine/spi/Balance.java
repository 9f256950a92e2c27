package org.loyaltyengine.spi;

import java.math.BigDecimal;

/** An account's figures after a command: posted balance, held, and available (balance - held). */
public record Balance(AccountKey account, BigDecimal balance, BigDecimal held) {
    public Balance {
        Checks.notNull(account, "account");
        Checks.decimal(balance, "balance");
        Checks.decimal(held, "held");
    }

    public static Balance of(Account account) {
        Checks.notNull(account, "account");
        return new Balance(account.key(), account.balance(), account.held());
    }

    public BigDecimal available() {
        return balance.subtract(held);
    }
}

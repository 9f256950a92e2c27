package org.loyaltyengine.spi;

import java.util.Comparator;

/**
 * Names one account inside a tenant: whose it is (a customer, a card), which program keeps it, and
 * what it counts. Comparable, so that commands lock accounts in one global order and never deadlock.
 */
public record AccountKey(String owner, String program, Unit unit) implements Comparable<AccountKey> {
    private static final Comparator<AccountKey> ORDER = Comparator.comparing(AccountKey::program)
            .thenComparing(AccountKey::owner).thenComparing(AccountKey::unit);

    public AccountKey {
        Checks.identifier(owner, "account owner", Limits.IDENTIFIER);
        Checks.identifier(program, "account program", Limits.CODE);
        Checks.notNull(unit, "account unit");
    }

    @Override
    public int compareTo(AccountKey o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return program + "/" + owner + "/" + unit;
    }
}

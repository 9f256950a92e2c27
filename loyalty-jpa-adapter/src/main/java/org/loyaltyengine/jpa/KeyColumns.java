package org.loyaltyengine.jpa;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Unit;

/** An {@link AccountKey} as four columns, shared by accounts, ledger entries and holds. */
@Embeddable
class KeyColumns {
    @Column(name = "owner_ref", nullable = false)
    String owner;
    @Column(name = "program", nullable = false)
    String program;
    @Column(name = "unit_kind", nullable = false)
    String unitKind;
    @Column(name = "unit_code", nullable = false)
    String unitCode;

    protected KeyColumns() {
    }

    KeyColumns(AccountKey key) {
        this.owner = key.owner();
        this.program = key.program();
        this.unitKind = key.unit().kind().name();
        this.unitCode = key.unit().code();
    }

    AccountKey toKey() {
        return new AccountKey(owner, program, new Unit(Unit.Kind.valueOf(unitKind), unitCode));
    }
}

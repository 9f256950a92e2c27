package org.loyaltyengine.jpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.RuleRef;
import org.loyaltyengine.spi.TenantId;
import org.loyaltyengine.spi.Unit;
import org.loyaltyengine.spi.conformance.LoyaltyStoreConformance;
import org.loyaltyengine.testing.CommandLogContract;
import org.loyaltyengine.testing.pos.PosCardContract;

/**
 * The two ways the store inserts the rows it never changes ({@link WriteOnceRows}): plain JDBC on the transaction's
 * connection where the provider is Hibernate (every other database test runs that way), and through the provider
 * otherwise, proven here on H2 with the SPI conformance suite and the suites that write entries, holds, outcomes
 * and the command log. Both ways must read back the same.
 */
@Tag("X-2")
class WriteOnceRowsH2Test {
    private static final TestDatabase DB = TestDatabase.H2;

    @Test
    void onHibernate_theRowsAreInsertedWithPlainJdbc() {
        DB.store().inTransaction(JpaStoreContract.freshTenant(), tx -> tx.outcomes().all());
        assertEquals(Optional.of(true), DB.store().insertsWithJdbc());
        DB.storeInsertingThroughProvider().inTransaction(JpaStoreContract.freshTenant(), tx -> tx.outcomes().all());
        assertEquals(Optional.of(false), DB.storeInsertingThroughProvider().insertsWithJdbc());
    }

    /** Every column of an entry, nulls and an amount's own scale among them, read back alike from both ways. */
    @Test
    void bothWays_readBackTheSameEntry() {
        TenantId tenant = JpaStoreContract.freshTenant();
        AccountKey account = new AccountKey("c-1", "points", Unit.points());
        Instant at = Instant.parse("2026-12-04T10:15:30.123456789Z");
        LedgerEntry full = new LedgerEntry(0, account, EntryKind.EARN, new BigDecimal("12.3400"), "booking-1", "line-1",
                LocalDate.of(2026, 12, 4), at, "clerk", "a note", "key-1", new RuleRef("points", 2, "earn"), null);
        LedgerEntry bare = new LedgerEntry(0, account, EntryKind.EARN, new BigDecimal("-5"), null, null,
                LocalDate.of(2026, 12, 5), at, "clerk", null, null, new RuleRef("points", 2, "manual"), null);
        List<LedgerEntry> viaJdbc = appendAndRead(DB.store(), tenant, account, full, bare);
        List<LedgerEntry> viaProvider = appendAndRead(DB.storeInsertingThroughProvider(), JpaStoreContract.freshTenant(),
                account, full, bare);
        assertEquals(withoutSequence(List.of(full, bare)), withoutSequence(viaJdbc));
        assertEquals(withoutSequence(viaJdbc), withoutSequence(viaProvider));
        assertTrue(viaJdbc.get(0).sequence() < viaJdbc.get(1).sequence(), "sequences grow: " + viaJdbc);
        assertEquals(new BigDecimal("12.3400"), viaJdbc.get(0).amount(), "the amount keeps its scale");
    }

    private static List<LedgerEntry> appendAndRead(JpaStore store, TenantId tenant, AccountKey account,
                                                   LedgerEntry... entries) {
        return store.inTransaction(tenant, tx -> {
            tx.accounts().open(account, null);
            List<LedgerEntry> appended = java.util.Arrays.stream(entries).map(e -> tx.ledger().append(e)).toList();
            assertEquals(appended, tx.ledger().entries(account), "what append returned is what reads back");
            return appended;
        });
    }

    private static List<LedgerEntry> withoutSequence(List<LedgerEntry> entries) {
        return entries.stream().map(e -> e.withSequence(1)).toList();
    }

    /** The SPI conformance suite on the store that inserts through the provider. */
    @Nested
    class ThroughProviderConformance extends LoyaltyStoreConformance {
        @Override
        protected LoyaltyStore newStore() {
            return DB.storeInsertingThroughProvider();
        }

        @Override
        protected boolean runsATenantsTransactionsAtOnce() {
            return true;
        }
    }

    /** The command log suite (outcomes and log entries) on the store that inserts through the provider. */
    @Nested
    @Tag("X-11")
    class ThroughProviderCommandLog extends CommandLogContract {
        @Override
        protected LoyaltyStore newStore() {
            return DB.storeInsertingThroughProvider();
        }
    }

    /** The POS card suite (entries, holds and their transitions) on the store that inserts through the provider. */
    @Nested
    @Tag("PC-1")
    class ThroughProviderPosCard extends PosCardContract {
        @Override
        protected LoyaltyStore newStore() {
            return DB.storeInsertingThroughProvider();
        }
    }
}

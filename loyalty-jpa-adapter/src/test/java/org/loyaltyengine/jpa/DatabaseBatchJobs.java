package org.loyaltyengine.jpa;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.conformance.AccountPagesContract;
import org.loyaltyengine.spi.conformance.EntriesOfContract;
import org.loyaltyengine.testing.points.SavingsPointsBatchContract;

/**
 * The batch jobs' suites (from loyalty-testing), unchanged, on the database the concrete class names with
 * {@link OnDatabase}: the paged account listing, a page's entries in one read, and the year-end expiry in
 * chunks.
 */
abstract class DatabaseBatchJobs {
    TestDatabase database() {
        return getClass().getAnnotation(OnDatabase.class).value();
    }

    /** Pages of a program's accounts in the index order, every account once. */
    @Nested
    @Tag("X-2")
    class AccountPagesSuite extends AccountPagesContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** A page of accounts' entries in one read, each as its own read gives it. */
    @Nested
    @Tag("X-2")
    class EntriesOfSuite extends EntriesOfContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The year-end expiry in batch mode: as the single run, and exactly once after an interruption. */
    @Nested
    @Tag("SP-25")
    class SavingsPointsBatchSuite extends SavingsPointsBatchContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }
}

package org.loyaltyengine.jpa;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.conformance.AccountPagesContract;
import org.loyaltyengine.spi.conformance.CustomerPagesContract;
import org.loyaltyengine.spi.conformance.EntriesOfContract;
import org.loyaltyengine.testing.card.CustomerCardsBatchContract;
import org.loyaltyengine.testing.credits.CreditsBatchContract;
import org.loyaltyengine.testing.points.SavingsPointsBatchContract;
import org.loyaltyengine.testing.pos.PosCardsBatchContract;

/**
 * The batch jobs' suites (from loyalty-testing), unchanged, on the database the concrete class names with
 * {@link OnDatabase}: the paged account and customer listings, a page's entries in one read, and in chunks the
 * year-end expiry, the lot expiry, the reservations' expiry and the bulk enrolment.
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

    /** Pages of a tenant's customers in the index order, every customer once. */
    @Nested
    @Tag("X-2")
    class CustomerPagesSuite extends CustomerPagesContract {
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

    /** The lot expiry in batch mode: as the single sweep, and exactly once after an interruption. */
    @Nested
    @Tag("SP-25")
    @Tag("CR-3")
    class CreditsBatchSuite extends CreditsBatchContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The reservations' expiry in batch mode: as the single sweep, and exactly once after an interruption. */
    @Nested
    @Tag("SP-25")
    @Tag("PC-5")
    class PosCardsBatchSuite extends PosCardsBatchContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }

    /** The bulk enrolment in batch mode and the paged card overview, over the customers' index. */
    @Nested
    @Tag("SP-25")
    @Tag("CC-3")
    class CustomerCardsBatchSuite extends CustomerCardsBatchContract {
        @Override
        protected LoyaltyStore newStore() {
            return database().store();
        }
    }
}

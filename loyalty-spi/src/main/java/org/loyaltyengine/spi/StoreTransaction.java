package org.loyaltyengine.spi;

/**
 * One open transaction of one tenant, and the repositories it can reach. Valid only inside the
 * {@link LoyaltyStore#inTransaction} call that handed it out.
 */
public interface StoreTransaction {
    TenantId tenant();

    Accounts accounts();

    Ledger ledger();

    Holds holds();

    Outcomes outcomes();

    Documents documents();

    Settings settings();

    Cards cards();

    Customers customers();

    /** Locks on documents, cards, settings, customers and program-wide keys; accounts lock through {@link Accounts#lock}. */
    Locks locks();

    /** Makes the transaction roll back when the work returns (dry runs). */
    void setRollbackOnly();

    boolean isRollbackOnly();
}

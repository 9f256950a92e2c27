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

    /**
     * The command log (SPEC X-11). A store written before there was one keeps none ({@link CommandLog#NOT_KEPT}):
     * its commands run as before, and reading its log is refused with a typed error.
     */
    default CommandLog commandLog() {
        return CommandLog.NOT_KEPT;
    }

    /** Locks on documents, cards, settings, customers and program-wide keys; accounts lock through {@link Accounts#lock}. */
    Locks locks();

    /** Makes the transaction roll back when the work returns (dry runs). */
    void setRollbackOnly();

    boolean isRollbackOnly();
}

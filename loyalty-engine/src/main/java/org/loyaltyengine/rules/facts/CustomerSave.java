package org.loyaltyengine.rules.facts;

/**
 * A customer being created or changed (SPEC CU-1, CU-2): {@code action} is {@code create} or
 * {@code update}; {@code numberHolderId} is the id of the customer that already holds {@code number}
 * in the tenant (null: nobody, or no number given).
 */
public record CustomerSave(String action, String customerId, String number, String numberHolderId) {
    /** True when another customer than this one already has the number. */
    public boolean numberTakenByAnother() {
        return numberHolderId != null && !numberHolderId.equals(customerId);
    }
}

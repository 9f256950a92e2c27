package org.loyaltyengine;

import java.util.List;

import org.loyaltyengine.internal.AuditLog;
import org.loyaltyengine.spi.Checks;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.TenantId;

/**
 * The history of every change of settings, catalogue, cards and master data (SPEC X-8): each applied
 * command that changes one of them leaves an {@link AuditRecord} with the acting user, the time and
 * the state before and after, written in the command's own transaction (so a dry run or a rolled-back
 * command leaves none). Money movements have their own history with the same facts: the ledger entries
 * (each records its actor, time, note and rule) in the programs' statements.
 *
 * <p>The records are kept as store documents, so every store keeps them without a table of its own.
 */
public final class AuditTrail {
    /** A POS card's definition (subject: the card number). */
    public static final String POS_CARD = "pos-card.card";
    /** The POS program's settings (subject: {@code pos-card}). */
    public static final String POS_SETTINGS = "pos-card.settings";
    /** The customer-card settings (subject: {@code customer-card}). */
    public static final String CARD_SETTINGS = "customer-card.settings";
    /** A catalogue product's validity periods (subject: the product). */
    public static final String CARD_PRODUCT = "customer-card.product";
    /** A customer's enrolment in the customer card (subject: the customer id). */
    public static final String CARD_ENROLMENT = "customer-card.enrolment";
    /** The savings-points settings (subject: {@code savings-points}). */
    public static final String POINTS_SETTINGS = "savings-points.settings";
    /** A supplier of the savings points (subject: its code). */
    public static final String POINTS_SUPPLIER = "savings-points.supplier";
    /** A tour operator of the savings points, whose suppliers share its settings (subject: its code). */
    public static final String POINTS_TOUR_OPERATOR = "savings-points.tour-operator";
    /** A customer's participation in the savings points (subject: the customer id). */
    public static final String POINTS_PARTICIPATION = "savings-points.participation";
    /** A customer's master data (subject: the customer id). */
    public static final String CUSTOMER = "customers.customer";
    /** The customers program's settings, its custom field declarations (subject: {@code customers}). */
    public static final String CUSTOMER_SETTINGS = "customers.settings";

    /** A credit type of the credits program (subject: its code). */
    public static final String CREDITS_TYPE = "credits.type";
    /** Whether credits apply to a customer (subject: the customer id). */
    public static final String CREDITS_CUSTOMER = "credits.customer";
    /** The credits program's settings (subject: {@code credits}). */
    public static final String CREDITS_SETTINGS = "credits.settings";
    /** A correction of a customer's credits (subject: the correction id). */
    public static final String CREDITS_CORRECTION = "credits.correction";

    /** Every kind, for a host that shows the whole trail. */
    public static final List<String> KINDS = List.of(POS_CARD, POS_SETTINGS, CARD_SETTINGS, CARD_PRODUCT,
            CARD_ENROLMENT, POINTS_SETTINGS, POINTS_SUPPLIER, POINTS_TOUR_OPERATOR, POINTS_PARTICIPATION, CUSTOMER, CUSTOMER_SETTINGS,
            CREDITS_TYPE, CREDITS_CUSTOMER, CREDITS_SETTINGS, CREDITS_CORRECTION);

    private final LoyaltyStore store;

    AuditTrail(LoyaltyStore store) {
        this.store = store;
    }

    /** Every recorded change of one subject, oldest first. */
    public List<AuditRecord> history(TenantId tenant, String kind, String subject) {
        Checks.text(subject, "audit subject");
        return store.inTransaction(tenant, tx -> AuditLog.read(tx, known(kind), subject));
    }

    /** Every recorded change of every subject of one kind, oldest first. */
    public List<AuditRecord> history(TenantId tenant, String kind) {
        return store.inTransaction(tenant, tx -> AuditLog.read(tx, known(kind), null));
    }

    private static String known(String kind) {
        if (kind == null || !KINDS.contains(kind)) {
            throw new org.loyaltyengine.spi.InvalidValueException("unknown audit kind '" + kind + "'; use one of "
                    + KINDS);
        }
        return kind;
    }
}

package org.loyaltyengine.card.internal;

import java.util.List;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.NewCustomerHook;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.StoreTransaction;

/**
 * A practice that auto-enrols new customers (SPEC CC-3): a customer the engine creates takes part in the
 * card from the start, enrolled by the command that creates them. Nothing else: a new customer has no
 * sales to count, so no card account opens here, and the enrolment names no currency.
 */
final class AutoEnrolment implements NewCustomerHook {
    /** The customer's enrolment, the one document the hook may write. */
    @Override
    public Set<LockKey> keys(String customerId) {
        return Set.of(CardDocuments.enrolment(customerId));
    }

    /**
     * The customer's enrolment ({@code how=automatic}, by the creating command's user, on its business
     * date) when the practice auto-enrols and the customer has none yet; else nothing.
     */
    @Override
    public List<Write> writes(StoreView view, Customer created, CommandContext ctx) {
        if (!CardReads.settings(view).autoEnrol() || CardReads.enrolled(view, created.id())) {
            return List.of();
        }
        return List.of(new Write.SaveDocument(CardDocuments.enrolment(created.id(), ctx.businessDate(), "automatic",
                ctx.actor().user())));
    }
}

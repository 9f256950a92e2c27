package org.loyaltyengine.card.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Evaluator;
import org.loyaltyengine.internal.NewCustomerHook;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Customer;
import org.loyaltyengine.spi.LockKey;

/**
 * A practice that auto-enrols new customers (SPEC CC-3): a customer the engine creates takes part in the
 * card from the start, enrolled by the command that creates them, when the card's rules in force on its
 * business date say so ({@link AutoEnrolCommand}).
 */
final class AutoEnrolment implements NewCustomerHook {
    private final AutoEnrolCommand decide;

    AutoEnrolment(AutoEnrolCommand decide) {
        this.decide = decide;
    }

    /** The customer's enrolment, the one document the hook may write. */
    @Override
    public Set<LockKey> keys(String customerId) {
        return Set.of(CardDocuments.enrolment(customerId));
    }

    /**
     * The customer's enrolment when the rules decide it; else nothing. An engine without a customer-card
     * rule set in force on the business date has no card to enrol in.
     */
    @Override
    public List<Write> writes(StoreView view, Customer created, CommandContext ctx) {
        CardSettingsInForce settings = decide.settingsInForce();
        if (settings.versionOn(ctx.businessDate()).isEmpty()) {
            return List.of();
        }
        AutoEnrolCommand.Context c = decide.context(view, created.id(), ctx);
        Decision decision = Evaluator.evaluate(settings.rules().inForce(decide.ruleSet(), ctx.businessDate()),
                decide.facts(c, Map.of()));
        return decide.writes(c, decision, null);
    }
}

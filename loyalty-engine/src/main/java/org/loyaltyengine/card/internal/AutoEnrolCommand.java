package org.loyaltyengine.card.internal;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.AutoEnrol;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CardAutoEnrolled;
import org.loyaltyengine.rules.facts.CardNewCustomer;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * Whether a new customer takes part in the card from the start (SPEC CC-3): the rules decide, from the
 * practice's settings in force ({@link CardAutoEnrolled}); the customer is then enrolled
 * ({@code how=automatic}, by the command's user, on its business date). Nothing else: a new customer has
 * no sales to count, so no card account opens here, and the enrolment names no currency.
 *
 * <p>{@link AutoEnrolment} asks it inside the command that creates the customer; run through the
 * pipeline on its own ({@link CustomerCards#autoEnrol}) it does the same for a customer created
 * outside the engine.
 */
final class AutoEnrolCommand implements Command<AutoEnrol, AutoEnrolCommand.Context> {
    record Context(String customerId, CardSettings settings, boolean enrolled, LocalDate date, String user) {
    }

    private final CardSettingsInForce settingsInForce;

    AutoEnrolCommand(CardSettingsInForce settingsInForce) {
        this.settingsInForce = settingsInForce;
    }

    CardSettingsInForce settingsInForce() {
        return settingsInForce;
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".auto-enrol";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(AutoEnrol request) {
        return Permission.none();
    }

    /** The customer's enrolment, the one document it may write. */
    @Override
    public Set<LockKey> keys(AutoEnrol request, CommandContext ctx) {
        return Set.of(CardDocuments.enrolment(request.customerId()));
    }

    @Override
    public Context load(StoreView view, AutoEnrol request, CommandContext ctx) {
        CardReads.requireCustomer(view, request.customerId());
        return context(view, request.customerId(), ctx);
    }

    /** What the decision is made on, for a customer who may not be saved yet (the hook's case). */
    Context context(StoreView view, String customerId, CommandContext ctx) {
        return new Context(customerId, settingsInForce.on(view, ctx.businessDate()),
                CardReads.enrolled(view, customerId), ctx.businessDate(), ctx.actor().user());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return List.of(new CardNewCustomer(c.customerId(), c.enrolled()), c.settings());
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        if (c.enrolled() || decision.resultOf(CardAutoEnrolled.class).isEmpty()) {
            return List.of();
        }
        return List.of(new Write.SaveDocument(CardDocuments.enrolment(c.customerId(), c.date(), "automatic",
                c.user())));
    }
}

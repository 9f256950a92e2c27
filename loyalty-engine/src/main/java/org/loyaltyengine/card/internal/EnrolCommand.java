package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.Enrol;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * Enrols one customer (SPEC CC-3); the customer's earlier locked purchases count at once, each with the
 * eligibility and percentage in force on its own date (SPEC CC-4). A customer who takes part already is
 * refused by the rules ({@code ALREADY_ENROLLED}).
 */
final class EnrolCommand implements Command<Enrol, Enrolments.Context> {
    private final CardSettingsInForce settingsInForce;

    EnrolCommand(CardSettingsInForce settingsInForce) {
        this.settingsInForce = settingsInForce;
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".enrol";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(Enrol request) {
        return Permission.none();
    }

    /** The enrolment. */
    @Override
    public Set<LockKey> keys(Enrol e, CommandContext ctx) {
        return Set.of(CardDocuments.enrolment(e.customerId()));
    }

    /**
     * The customer's card: the card account may open here, and a sale locked meanwhile must either come
     * before (and count here) or after (and see the customer enrolled). Never the settings: only sales on
     * record go on the card, and they keep the currency fixed already.
     */
    @Override
    public Set<LockKey> keysOf(Enrolments.Context c) {
        return Enrolments.keysOf(c);
    }

    @Override
    public Enrolments.Context load(StoreView view, Enrol e, CommandContext ctx) {
        CardReads.requireCustomer(view, e.customerId());
        return Enrolments.load(view, settingsInForce.on(view, ctx.businessDate()), List.of(e.customerId()), true, ctx);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Enrolments.Context context) {
        return Enrolments.accounts(context);
    }

    @Override
    public List<Object> facts(Enrolments.Context context, Map<AccountKey, Account> accounts) {
        return Enrolments.facts(context);
    }

    @Override
    public List<Write> writes(Enrolments.Context context, Decision decision, Applied applied) {
        return Enrolments.writes(context);
    }

    @Override
    public List<AuditSubject> audited(Enrolments.Context context, Decision decision) {
        return Enrolments.audited(context);
    }
}

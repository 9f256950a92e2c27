package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.Withdraw;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CardCustomer;
import org.loyaltyengine.rules.facts.CardWithdraw;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * A customer stops taking part (CC-11, the customer record's "Klantenkaart" box unticked): the enrolment
 * is kept, marked withdrawn, and nothing is booked; what happens to the card is the rules' and
 * {@link CustomerCards#withdraw}'s to say.
 */
final class WithdrawCommand implements Command<Withdraw, WithdrawCommand.Context> {
    /** @param enrolment the customer's enrolment as stored, or null */
    record Context(String customerId, Document enrolment, AccountKey account, LocalDate date, String user) {
    }

    private final CardSettingsInForce settingsInForce;

    WithdrawCommand(CardSettingsInForce settingsInForce) {
        this.settingsInForce = settingsInForce;
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".withdraw";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(Withdraw request) {
        return Permission.none();
    }

    /** The enrolment. */
    @Override
    public Set<LockKey> keys(Withdraw w, CommandContext ctx) {
        return Set.of(CardDocuments.enrolment(w.customerId()));
    }

    /** The customer's card: a sale locked meanwhile sees the customer taking part, or not, never both. */
    @Override
    public Set<LockKey> keysOf(Context c) {
        return Set.of(CardLocks.customer(c.customerId()));
    }

    @Override
    public Context load(StoreView view, Withdraw w, CommandContext ctx) {
        CardReads.requireCustomer(view, w.customerId());
        return new Context(w.customerId(), view.document(CardDocuments.ENROLMENT, w.customerId()).orElse(null),
                CustomerCards.accountOf(w.customerId(), settingsInForce.on(view, ctx.businessDate()).currency()),
                ctx.businessDate(), ctx.actor().user());
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context context) {
        return Map.of();
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CardWithdraw(c.customerId()));
        facts.add(new CardCustomer(c.customerId(), CardDocuments.isEnrolled(c.enrolment()), c.account()));
        return facts;
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(new Write.SaveDocument(CardDocuments.withdrawn(c.enrolment(), c.date(), c.user())));
    }

    @Override
    public List<AuditSubject> audited(Context c, Decision decision) {
        return List.of(AuditSubject.document(AuditTrail.CARD_ENROLMENT, CardDocuments.ENROLMENT, c.customerId()));
    }
}

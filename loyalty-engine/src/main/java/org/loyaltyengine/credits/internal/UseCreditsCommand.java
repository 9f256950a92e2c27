package org.loyaltyengine.credits.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.credits.CreditRequests.UseCredits;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code credits.use-credits}: whether credits apply to a customer (SPEC CR-2). It holds the customer's key, so
 * a sale or consumption of the customer decides on the switch as it stands.
 */
final class UseCreditsCommand implements Command<UseCredits, UseCreditsCommand.Context> {
    record Context(UseCredits request, Document next) {
    }

    @Override
    public String name() {
        return Credits.PROGRAM + ".use-credits";
    }

    @Override
    public String ruleSet() {
        return Credits.PROGRAM;
    }

    @Override
    public Permission permission(UseCredits request) {
        return Permission.of(Credits.CUSTOMERS_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(UseCredits request, CommandContext ctx) {
        return Set.of(LockKey.document(Stored.CUSTOMER, request.customerId()), Stored.customerKey(request.customerId()));
    }

    @Override
    public Context load(StoreView view, UseCredits u, CommandContext ctx) {
        long version = view.document(Stored.CUSTOMER, u.customerId()).map(Document::version).orElse(0L);
        return new Context(u, Stored.customerDocument(u.customerId(), u.usesCredits(), ctx.businessDate(),
                ctx.actor().user(), version));
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return List.of();
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(new Write.SaveDocument(c.next()));
    }

    @Override
    public List<AuditSubject> audited(Context c, Decision decision) {
        return List.of(AuditSubject.document(AuditTrail.CREDITS_CUSTOMER, Stored.CUSTOMER, c.request().customerId()));
    }
}

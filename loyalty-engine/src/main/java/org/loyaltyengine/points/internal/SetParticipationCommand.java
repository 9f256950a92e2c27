package org.loyaltyengine.points.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.points.PointsRequests.Participation;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code savings-points.set-participation}: whether a customer takes part in the savings plan; one who does
 * not earns nothing (SPEC SP-7).
 */
final class SetParticipationCommand implements Command<Participation, SetParticipationCommand.Context> {
    /** @param participation the customer's participation as it will be stored, over the version read */
    record Context(Participation request, Document participation) {
    }

    @Override
    public String name() {
        return PointsCommands.name("set-participation");
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(Participation request) {
        return PointsCommands.ADMIN;
    }

    @Override
    public Set<LockKey> keys(Participation request, CommandContext ctx) {
        // The customer's key too: a booking or manual entry reads the participation with their ledger.
        return Set.of(LockKey.document(ParticipantDocument.TYPE, request.customerId()),
                PointsLocks.customer(request.customerId()));
    }

    @Override
    public Context load(StoreView view, Participation p, CommandContext ctx) {
        PointsFacts.requireCustomer(view, p.customerId());
        long version = view.document(ParticipantDocument.TYPE, p.customerId()).map(Document::version).orElse(0L);
        return new Context(p, new ParticipantDocument(p.customerId(), p.takesPart(), ctx.businessDate(),
                ctx.actor().user(), version).toDocument());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return List.of();
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(c.participation()));
    }

    @Override
    public List<AuditSubject> audited(Context c, Decision decision) {
        return List.of(AuditSubject.document(AuditTrail.POINTS_PARTICIPATION, ParticipantDocument.TYPE,
                c.request().customerId()));
    }
}

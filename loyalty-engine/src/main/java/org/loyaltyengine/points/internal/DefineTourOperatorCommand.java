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
import org.loyaltyengine.points.PointsRequests.TourOperator;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code savings-points.define-tour-operator}: a tour operator created or changed, whose suppliers share its
 * switch, rate and product-type structure unless they set their own (SPEC SP-20).
 */
final class DefineTourOperatorCommand implements Command<TourOperator, DefineTourOperatorCommand.Context> {
    /** @param defined the tour operator as it will be stored, over the version read */
    record Context(TourOperator request, Document defined) {
    }

    @Override
    public String name() {
        return PointsCommands.name("define-tour-operator");
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(TourOperator request) {
        return PointsCommands.ADMIN;
    }

    @Override
    public Set<LockKey> keys(TourOperator request, CommandContext ctx) {
        return Set.of(LockKey.document(TourOperatorDocument.TYPE, request.code()));
    }

    @Override
    public Context load(StoreView view, TourOperator t, CommandContext ctx) {
        long version = view.document(TourOperatorDocument.TYPE, t.code()).map(Document::version).orElse(0L);
        return new Context(t, new TourOperatorDocument(t.code(), t.enabled(), t.rate(), t.productRates(),
                ctx.businessDate(), ctx.actor().user(), version).toDocument());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return List.of();
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(Write.save(c.defined()));
    }

    @Override
    public List<AuditSubject> audited(Context c, Decision decision) {
        return List.of(AuditSubject.document(AuditTrail.POINTS_TOUR_OPERATOR, TourOperatorDocument.TYPE, c.request().code()));
    }
}

package org.loyaltyengine.points.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.points.PointsRequests.Supplier;
import org.loyaltyengine.points.SavingsPoints;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code savings-points.define-supplier}: a supplier created or changed, with whether it earns points, its own
 * rate and its product-type structure, and the tour operator it belongs to (SPEC SP-1, SP-2, SP-20). A tour
 * operator it names must be defined; tour operators are never removed, so it needs no lock.
 */
final class DefineSupplierCommand implements Command<Supplier, DefineSupplierCommand.Context> {
    /** @param defined the supplier as it will be stored, over the version read */
    record Context(Supplier request, Document defined) {
    }

    @Override
    public String name() {
        return PointsCommands.name("define-supplier");
    }

    @Override
    public String ruleSet() {
        return SavingsPoints.PROGRAM;
    }

    @Override
    public Permission permission(Supplier request) {
        return PointsCommands.ADMIN;
    }

    @Override
    public Set<LockKey> keys(Supplier request, CommandContext ctx) {
        return Set.of(LockKey.document(SupplierDocument.TYPE, request.code()));
    }

    @Override
    public Context load(StoreView view, Supplier s, CommandContext ctx) {
        if (s.tourOperator() != null && view.document(TourOperatorDocument.TYPE, s.tourOperator()).isEmpty()) {
            throw new NoSuchEntityException("tour operator", s.tourOperator());
        }
        long version = view.document(SupplierDocument.TYPE, s.code()).map(Document::version).orElse(0L);
        return new Context(s, new SupplierDocument(s.code(), s.enabled(), s.rate(), s.productRates(), s.tourOperator(),
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
        return List.of(AuditSubject.document(AuditTrail.POINTS_SUPPLIER, SupplierDocument.TYPE, c.request().code()));
    }
}

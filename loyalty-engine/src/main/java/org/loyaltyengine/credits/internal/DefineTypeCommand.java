package org.loyaltyengine.credits.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.credits.CreditRequests.DefineType;
import org.loyaltyengine.credits.CreditType;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CreditDefineType;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/** {@code credits.define-type}: defines a credit type or changes its definition (SPEC CR-1). */
final class DefineTypeCommand implements Command<DefineType, DefineTypeCommand.Context> {
    record Context(DefineType request, Optional<Document> read, Document next) {
    }

    @Override
    public String name() {
        return Credits.PROGRAM + ".define-type";
    }

    @Override
    public String ruleSet() {
        return Credits.PROGRAM;
    }

    @Override
    public Permission permission(DefineType request) {
        return Permission.of(Credits.TYPES_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(DefineType request, CommandContext ctx) {
        return Set.of(LockKey.document(Stored.TYPE, request.code()));
    }

    @Override
    public Context load(StoreView view, DefineType t, CommandContext ctx) {
        Optional<Document> read = view.document(Stored.TYPE, t.code());
        CreditType type = new CreditType(t.code(), t.name(), t.unit(), t.counting(), t.faceValue());
        return new Context(t, read, Stored.typeDocument(type, ctx.businessDate(), ctx.actor().user(),
                read.map(Document::version).orElse(0L)));
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        return List.of(new CreditDefineType(c.request().code(), c.request().faceValue().currency().getCurrencyCode(),
                c.read().map(Document::currency).orElse(null)));
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(new Write.SaveDocument(c.next()));
    }

    @Override
    public List<AuditSubject> audited(Context c, Decision decision) {
        return List.of(AuditSubject.document(AuditTrail.CREDITS_TYPE, Stored.TYPE, c.request().code()));
    }
}

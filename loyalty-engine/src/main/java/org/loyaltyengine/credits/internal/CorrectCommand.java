package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.credits.CreditRequests.Correction;
import org.loyaltyengine.credits.CreditType;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.internal.Stored.Lot;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CreditCorrection;
import org.loyaltyengine.rules.facts.CreditLot;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.EntryKind;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code credits.correct}: an administrator's correction of a customer's credits (SPEC CR-3, CR-8). The
 * rules refuse a reused id, a fraction of a whole unit and a taking off beyond what the usable lots hold, and post
 * the correction: an addition tops up a free lot of its own, a taking off draws on the usable lots first in first
 * out. The command keeps the correction as a document (what, by whom, why, and what it took from which lot), the
 * subject of its audit record.
 */
final class CorrectCommand implements Command<Correction, CorrectCommand.Context> {
    record Context(Correction request, CreditType type, boolean idUsed, boolean usesCredits, List<Lot> lots,
                   CommandContext ctx) {
    }

    @Override
    public String name() {
        return Credits.PROGRAM + ".correct";
    }

    @Override
    public String ruleSet() {
        return Credits.PROGRAM;
    }

    @Override
    public Permission permission(Correction request) {
        return Permission.of(Credits.CORRECTIONS_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(Correction request, CommandContext ctx) {
        return Set.of(LockKey.document(Stored.CORRECTION, request.correctionId()),
                Stored.customerKey(request.customerId()));
    }

    @Override
    public Context load(StoreView view, Correction c, CommandContext ctx) {
        CreditType type = Stored.requireType(view, c.type());
        boolean used = view.document(Stored.CORRECTION, c.correctionId()).isPresent();
        List<Lot> lots = new ArrayList<>();
        if (c.quantity().signum() < 0) {
            for (Lot l : Stored.lotsOf(view, c.customerId())) {
                if (l.type().equals(c.type()) && "CONFIRMED".equals(l.saleStatus())) {
                    lots.add(l);
                }
            }
        }
        return new Context(c, type, used, Stored.usesCredits(view, c.customerId()), lots, ctx);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        if (c.request().quantity().signum() > 0) {
            accounts.put(Stored.correctionLotAccount(c.request().correctionId(), c.request().type()), BigDecimal.ZERO);
        }
        for (Lot l : c.lots()) {
            accounts.put(l.account(), BigDecimal.ZERO);
        }
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        Correction r = c.request();
        List<Object> facts = new ArrayList<>();
        List<CreditLot> lots = LotFacts.of(c.lots(), accounts, Set.of(), c.ctx().businessDate());
        facts.addAll(lots);
        facts.add(new CreditCorrection(r.correctionId(), r.reference(), r.customerId(), r.type(), c.type().whole(),
                r.quantity(), LotFacts.usableByType(lots).getOrDefault(r.type(), BigDecimal.ZERO),
                Stored.correctionLotAccount(r.correctionId(), r.type()), c.idUsed(), c.usesCredits(), r.note()));
        return facts;
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        // What a taking off took from each lot, as the rules posted it: the lot's key is its account less "lot:".
        Map<String, BigDecimal> draws = new LinkedHashMap<>();
        if (c.request().quantity().signum() < 0) {
            for (Decision.Posting p : decision.postings()) {
                if (p.kind() == EntryKind.ADJUST && p.document().equals(c.request().reference())) {
                    draws.merge(p.account().owner().substring("lot:".length()), p.amount().negate(), BigDecimal::add);
                }
            }
        }
        return List.of(new Write.SaveDocument(Stored.correctionDocument(c.request(),
                c.type().faceValue().currency().getCurrencyCode(), c.ctx().businessDate(), c.ctx().actor().user(),
                draws)));
    }

    @Override
    public List<AuditSubject> audited(Context c, Decision decision) {
        return List.of(AuditSubject.document(AuditTrail.CREDITS_CORRECTION, Stored.CORRECTION,
                c.request().correctionId()));
    }
}

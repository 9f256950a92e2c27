package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.credits.CreditRequests.Consume;
import org.loyaltyengine.credits.CreditRequests.Source;
import org.loyaltyengine.credits.CreditRequests.WorkLine;
import org.loyaltyengine.credits.CreditType;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.internal.Stored.Lot;
import org.loyaltyengine.credits.internal.Stored.UsageLine;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CreditLot;
import org.loyaltyengine.rules.facts.CreditSettings;
import org.loyaltyengine.rules.facts.CreditWork;
import org.loyaltyengine.rules.facts.CreditWorkAnswer;
import org.loyaltyengine.rules.facts.CreditWorkLine;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;
import org.loyaltyengine.spi.Money;

/**
 * {@code credits.consume}: work registered on a document (SPEC CR-2, CR-4, CR-5). The rules answer per line
 * ({@link CreditWorkAnswer}) and post what the lots give; the command keeps, for a customer with credits, every
 * line on the document's usage record (what the credits were used for, SPEC CR-6), and for a customer without
 * credits writes nothing.
 */
final class ConsumeCommand implements Command<Consume, ConsumeCommand.Context> {
    record Context(Consume request, boolean usesCredits, Map<String, CreditType> types, Optional<Document> usage,
                   List<Lot> lots, Set<String> overdraftTypes, CreditSettings settings, CommandContext ctx) {
    }

    private final RuleSetRegistry rules;

    ConsumeCommand(RuleSetRegistry rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return Credits.PROGRAM + ".consume";
    }

    @Override
    public String ruleSet() {
        return Credits.PROGRAM;
    }

    @Override
    public Permission permission(Consume request) {
        return request.source().kind() == Source.MANUAL ? Permission.of(Credits.MANUAL_PERMISSION) : Permission.none();
    }

    @Override
    public Set<LockKey> keys(Consume request, CommandContext ctx) {
        return Set.of(LockKey.document(Stored.USAGE, request.source().reference()),
                Stored.customerKey(request.customerId()));
    }

    @Override
    public Context load(StoreView view, Consume work, CommandContext ctx) {
        Map<String, CreditType> types = new LinkedHashMap<>();
        for (WorkLine l : work.lines()) {
            CreditType type = types.computeIfAbsent(l.type(), code -> Stored.requireType(view, code));
            if (l.unitPrice() != null && !l.unitPrice().currency().equals(type.faceValue().currency())) {
                throw CurrencyMismatchException.of("the price of work line " + l.lineId(),
                        l.unitPrice().currency().getCurrencyCode(), "credit type " + type.code(),
                        type.faceValue().currency().getCurrencyCode(), null);
            }
        }
        boolean uses = Stored.usesCredits(view, work.customerId());
        CreditSettings settings = Policy.of(view.settings(Credits.PROGRAM),
                rules.versionInForce(Credits.PROGRAM, ctx.businessDate()));
        List<Lot> lots = new ArrayList<>();
        Set<String> overdraft = new java.util.TreeSet<>();
        if (uses) {
            for (Lot l : Stored.lotsOf(view, work.customerId())) {
                if (types.containsKey(l.type()) && "CONFIRMED".equals(l.saleStatus())) {
                    lots.add(l);
                }
            }
            for (String type : types.keySet()) {
                if (settings.negativeBalance()
                        || view.account(Stored.overdraftAccount(work.customerId(), type)).isPresent()) {
                    overdraft.add(type);
                }
            }
        }
        return new Context(work, uses, types, Stored.usage(view, work.source().reference(), work.customerId()), lots,
                overdraft,
                settings, ctx);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        for (Lot l : c.lots()) {
            accounts.put(l.account(), BigDecimal.ZERO);
        }
        for (String type : c.overdraftTypes()) {
            accounts.put(Stored.overdraftAccount(c.request().customerId(), type), null);
        }
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        Consume w = c.request();
        String reference = w.source().reference();
        List<Object> facts = new ArrayList<>();
        facts.add(new CreditWork(reference, w.customerId(), c.usesCredits(), w.note()));
        facts.add(c.settings());
        List<CreditLot> lots = LotFacts.of(c.lots(), accounts, Set.of(), c.ctx().businessDate());
        facts.addAll(lots);
        Map<String, BigDecimal> usable = LotFacts.usableByType(lots);
        Map<String, BigDecimal> demand = new HashMap<>();
        Set<String> consumed = new java.util.HashSet<>();
        c.usage().ifPresent(d -> d.lines().forEach(l -> consumed.add(l.lineId())));
        for (WorkLine l : w.lines()) {
            CreditType t = c.types().get(l.type());
            Money price = l.unitPrice() == null ? t.faceValue() : l.unitPrice();
            BigDecimal before = demand.getOrDefault(l.type(), BigDecimal.ZERO);
            demand.put(l.type(), before.add(l.quantity()));
            facts.add(new CreditWorkLine(reference, l.lineId(), l.type(), t.whole(), l.quantity(), before,
                    usable.getOrDefault(l.type(), BigDecimal.ZERO), price.amount(), price.currency().getCurrencyCode(),
                    Stored.overdraftAccount(w.customerId(), l.type()), consumed.contains(l.lineId())));
        }
        return facts;
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        if (!c.usesCredits()) {
            return List.of();
        }
        Consume w = c.request();
        CreditWorkAnswer answer = decision.resultOf(CreditWorkAnswer.class).orElseThrow(() -> new InternalDefectException(
                "the credits rules registered work on " + w.source().reference() + " without answering it"));
        List<UsageLine> lines = new ArrayList<>(c.usage().map(Stored::usageLines).orElse(List.of()));
        for (WorkLine l : w.lines()) {
            lines.add(new UsageLine(l.lineId(), l.type(), l.quantity(), c.ctx().businessDate(),
                    answer.coveredOf(l.lineId()), answer.billableOf(l.lineId()), answer.billableAmountOf(l.lineId()),
                    l.description(), answer.drawsOf(l.lineId()),
                    answer.overdrawn().getOrDefault(l.lineId(), BigDecimal.ZERO), null, null));
        }
        return List.of(new Write.SaveDocument(Stored.usageDocument(c.usage().orElse(null), w.source().reference(),
                w.customerId(), c.ctx().businessDate(), null, lines, w.note())));
    }
}

package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.credits.CreditRequests.CancelSale;
import org.loyaltyengine.credits.CreditRequests.ConfirmSale;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.internal.Stored.Lot;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CreditOverdraft;
import org.loyaltyengine.rules.facts.CreditSale;
import org.loyaltyengine.rules.facts.CreditSaleMoved;
import org.loyaltyengine.rules.facts.CreditSaleTransition;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.Hold;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code credits.confirm-sale} and {@code credits.cancel-sale}: a move of a stored sale, decided by the rules
 * ({@code sale.drl}), which also say the status it leaves the sale in ({@link CreditSaleMoved}). The sale's
 * customer is learnt from the sale, so the customer's key is locked from the context.
 */
final class MoveSaleCommand<P> implements Command<P, MoveSaleCommand.Context> {
    record Context(String transition, Document sale, List<Lot> lots, Set<String> pendingHolds, Set<String> overdrawn,
                   CommandContext ctx) {
    }

    private final String transition;
    private final String name;
    private final Function<P, String> saleId;

    private MoveSaleCommand(String transition, String name, Function<P, String> saleId) {
        this.transition = transition;
        this.name = name;
        this.saleId = saleId;
    }

    static MoveSaleCommand<ConfirmSale> confirm() {
        return new MoveSaleCommand<>("CONFIRM", "confirm-sale", ConfirmSale::saleId);
    }

    static MoveSaleCommand<CancelSale> cancel() {
        return new MoveSaleCommand<>("CANCEL", "cancel-sale", CancelSale::saleId);
    }

    @Override
    public String name() {
        return Credits.PROGRAM + "." + name;
    }

    @Override
    public String ruleSet() {
        return Credits.PROGRAM;
    }

    @Override
    public Permission permission(P request) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(P request, CommandContext ctx) {
        return Set.of(LockKey.document(Stored.SALE, saleId.apply(request)));
    }

    @Override
    public Context load(StoreView view, P request, CommandContext ctx) {
        String id = saleId.apply(request);
        Document sale = view.document(Stored.SALE, id).orElseThrow(() -> new NoSuchEntityException("sale", id));
        List<Lot> lots = Stored.lots(sale);
        Set<String> pending = new HashSet<>();
        Set<String> overdrawn = new HashSet<>();
        for (Lot l : lots) {
            if (l.holdId() != null && view.hold(l.holdId()).map(Hold::isPending).orElse(false)) {
                pending.add(l.holdId());
            }
            if (view.account(Stored.overdraftAccount(l.customerId(), l.type())).isPresent()) {
                overdrawn.add(l.type());
            }
        }
        return new Context(transition, sale, lots, pending, overdrawn, ctx);
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        return Set.of(Stored.customerKey(c.sale().owner()));
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        for (Lot l : c.lots()) {
            accounts.put(l.account(), BigDecimal.ZERO);
        }
        for (String type : c.overdrawn()) {
            accounts.put(Stored.overdraftAccount(c.sale().owner(), type), null);
        }
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CreditSaleTransition(c.sale().id(), c.transition()));
        facts.add(new CreditSale(c.sale().id(), c.sale().owner(), c.sale().status()));
        facts.addAll(LotFacts.of(c.lots(), accounts, c.pendingHolds(), c.ctx().businessDate()));
        for (String type : c.overdrawn()) {
            AccountKey key = Stored.overdraftAccount(c.sale().owner(), type);
            Account a = accounts.get(key);
            BigDecimal owed = a == null ? BigDecimal.ZERO : a.balance().negate().max(BigDecimal.ZERO);
            facts.add(new CreditOverdraft(c.sale().owner(), type, key, owed));
        }
        return facts;
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        CreditSaleMoved moved = decision.resultOf(CreditSaleMoved.class).orElseThrow(() -> new InternalDefectException(
                "the credits rules let " + name + " of sale " + c.sale().id() + " through without deciding its status"));
        Document s = c.sale();
        Map<String, String> attributes = new TreeMap<>(s.attributes());
        attributes.put(moved.status().equals("CONFIRMED") ? "confirmedOn" : "cancelledOn",
                c.ctx().businessDate().toString());
        return List.of(new Write.SaveDocument(new Document(s.type(), s.id(), s.owner(), moved.status(), s.date(),
                s.currency(), attributes, s.lines(), s.version())));
    }
}

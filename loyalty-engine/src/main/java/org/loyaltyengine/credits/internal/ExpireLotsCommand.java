package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.credits.CreditRequests.ExpireLots;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.credits.internal.Stored.Lot;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.rules.facts.CreditExpireLots;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code credits.expire-lots}: the sweep that books what is left of lots past their validity (SPEC CR-3, CR-8).
 * The customers of those lots are learnt from the sales, so their keys are locked from the context; running it
 * twice books nothing the second time (the lots it expired hold nothing more).
 */
final class ExpireLotsCommand implements Command<ExpireLots, ExpireLotsCommand.Context> {
    record Context(LocalDate date, List<Lot> lots) {
    }

    @Override
    public String name() {
        return Credits.PROGRAM + ".expire-lots";
    }

    @Override
    public String ruleSet() {
        return Credits.PROGRAM;
    }

    @Override
    public Permission permission(ExpireLots request) {
        return Permission.none();
    }

    @Override
    public Context load(StoreView view, ExpireLots request, CommandContext ctx) {
        List<Lot> lots = new ArrayList<>();
        // The free lots of corrections expire as sold ones do.
        for (Lot l : Stored.allLots(view)) {
            if ("CONFIRMED".equals(l.saleStatus()) && l.validUntil() != null
                    && l.validUntil().isBefore(ctx.businessDate())) {
                lots.add(l);
            }
        }
        return new Context(ctx.businessDate(), lots);
    }

    @Override
    public Set<LockKey> keysOf(Context c) {
        Set<LockKey> keys = new TreeSet<>();
        for (Lot l : c.lots()) {
            keys.add(Stored.customerKey(l.customerId()));
        }
        return keys;
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        for (Lot l : c.lots()) {
            accounts.put(l.account(), BigDecimal.ZERO);
        }
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CreditExpireLots(c.date()));
        facts.addAll(LotFacts.of(c.lots(), accounts, Set.of(), c.date()));
        return facts;
    }
}

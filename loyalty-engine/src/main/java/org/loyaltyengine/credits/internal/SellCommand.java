package org.loyaltyengine.credits.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.credits.CreditRequests.SaleLine;
import org.loyaltyengine.credits.CreditRequests.Sell;
import org.loyaltyengine.credits.CreditType;
import org.loyaltyengine.credits.Credits;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.RuleSetRegistry;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CreditSaleLine;
import org.loyaltyengine.rules.facts.CreditSell;
import org.loyaltyengine.rules.facts.CreditSettings;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.LockKey;

/**
 * {@code credits.sell}: a sales document selling credits in lots (SPEC CR-3). The rules post each lot to its own
 * account and hold it while the document is open; the command saves the sale with the holds' ids.
 */
final class SellCommand implements Command<Sell, SellCommand.Context> {
    record Context(Sell request, boolean exists, boolean usesCredits, Map<String, CreditType> types,
                   CreditSettings settings, CommandContext ctx) {
    }

    private final RuleSetRegistry rules;

    SellCommand(RuleSetRegistry rules) {
        this.rules = rules;
    }

    @Override
    public String name() {
        return Credits.PROGRAM + ".sell";
    }

    @Override
    public String ruleSet() {
        return Credits.PROGRAM;
    }

    @Override
    public Permission permission(Sell request) {
        return Permission.none();
    }

    @Override
    public Set<LockKey> keys(Sell request, CommandContext ctx) {
        return Set.of(LockKey.document(Stored.SALE, request.saleId()), Stored.customerKey(request.customerId()));
    }

    @Override
    public Context load(StoreView view, Sell sale, CommandContext ctx) {
        Map<String, CreditType> types = new LinkedHashMap<>();
        String currency = null;
        for (SaleLine l : sale.lines()) {
            CreditType type = types.computeIfAbsent(l.type(), code -> Stored.requireType(view, code));
            String typeCurrency = type.faceValue().currency().getCurrencyCode();
            String lineCurrency = l.unitPrice().currency().getCurrencyCode();
            if (!typeCurrency.equals(lineCurrency)) {
                throw CurrencyMismatchException.of("the price of sale line " + l.lineId(), lineCurrency,
                        "credit type " + type.code(), typeCurrency, "sell it in " + typeCurrency);
            }
            if (currency != null && !currency.equals(lineCurrency)) {
                throw CurrencyMismatchException.of("sale line " + l.lineId(), lineCurrency, "the sale's earlier lines",
                        currency, "sell credits of another currency on a sales document of their own");
            }
            currency = lineCurrency;
        }
        Optional<Document> existing = view.document(Stored.SALE, sale.saleId());
        return new Context(sale, existing.isPresent(), Stored.usesCredits(view, sale.customerId()), types,
                Policy.of(view.settings(Credits.PROGRAM), rules.versionInForce(Credits.PROGRAM, ctx.businessDate())),
                ctx);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        if (!c.exists()) {
            for (SaleLine l : c.request().lines()) {
                accounts.put(Stored.lotAccount(c.request().saleId(), l.lineId(), l.type()), BigDecimal.ZERO);
            }
        }
        return accounts;
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        Sell s = c.request();
        List<Object> facts = new ArrayList<>();
        facts.add(new CreditSell(s.saleId(), s.customerId(), c.usesCredits(), c.exists()));
        facts.add(c.settings());
        for (SaleLine l : s.lines()) {
            CreditType t = c.types().get(l.type());
            facts.add(new CreditSaleLine(s.saleId(), l.lineId(), l.type(), t.whole(), l.quantity(),
                    l.unitPrice().amount(), t.faceValue().amount(), Stored.lotAccount(s.saleId(), l.lineId(), l.type())));
        }
        return facts;
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        Sell s = c.request();
        List<DocumentLine> lines = new ArrayList<>();
        for (SaleLine l : s.lines()) {
            lines.add(Stored.lotLine(l.lineId(), l.type(), l.quantity(), l.unitPrice(), l.validUntil(),
                    applied.placedHold(s.saleId(), l.lineId())));
        }
        String currency = s.lines().get(0).unitPrice().currency().getCurrencyCode();
        return List.of(new Write.SaveDocument(new Document(Stored.SALE, s.saleId(), s.customerId(), "OPEN",
                c.ctx().businessDate(), currency, Map.of("user", c.ctx().actor().user()), lines, 0)));
    }
}

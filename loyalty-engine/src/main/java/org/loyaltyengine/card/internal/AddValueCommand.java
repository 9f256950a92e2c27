package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.AddValue;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.rules.facts.CardAddValue;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/** Puts a value on a card by hand, with a note, e.g. the starting value of a paper card (SPEC CC-7). */
final class AddValueCommand implements Command<AddValue, AddValueCommand.Context> {
    private final CardSettingsInForce settingsInForce;

    AddValueCommand(CardSettingsInForce settingsInForce) {
        this.settingsInForce = settingsInForce;
    }

    record Context(AddValue request, CardReads.CustomerCard card, boolean keptAlready) {
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".add-value";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(AddValue request) {
        return Permission.of(CustomerCards.MANUAL_PERMISSION);
    }

    /** The customer's card, read here and whose account may open (and the settings, for a first value). */
    @Override
    public Set<LockKey> keysOf(Context c) {
        return CardLocks.cardOf(c.request().customerId(), c.keptAlready());
    }

    @Override
    public Context load(StoreView view, AddValue p, CommandContext ctx) {
        CardReads.requireCustomer(view, p.customerId());
        CardSettings settings = settingsInForce.on(view, ctx.businessDate());
        CardReads.requireCurrency(settings, "the value", p.amount().currency().getCurrencyCode());
        CardReads.CustomerCard card = CardReads.card(view, p.customerId(), settings);
        return new Context(p, card, CardReads.keptAlready(view, card, false));
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context context) {
        return CardFacts.accountOf(context.card());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        AddValue p = c.request();
        List<Object> facts = new ArrayList<>(CardFacts.card(c.card()));
        facts.add(new CardAddValue(p.customerId(), p.lineId(), p.amount().amount(), p.note()));
        return facts;
    }
}

package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.RemoveLine;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.rules.facts.CardRemoveLine;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.LockKey;

/**
 * Takes one line off the open card by hand, with a note (SPEC CC-7): a purchase line or a manual line,
 * only what is left of it on the open card.
 */
final class RemoveLineCommand implements Command<RemoveLine, RemoveLineCommand.Context> {
    private final CardSettingsInForce settingsInForce;

    RemoveLineCommand(CardSettingsInForce settingsInForce) {
        this.settingsInForce = settingsInForce;
    }

    record Context(RemoveLine request, CardReads.CustomerCard card) {
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".remove-line";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(RemoveLine request) {
        return Permission.of(CustomerCards.MANUAL_PERMISSION);
    }

    /**
     * The customer's card: what is left of the line is read from it. Never the settings: only a line on
     * the card is taken off, so the card has entries and keeps the currency fixed already.
     */
    @Override
    public Set<LockKey> keysOf(Context c) {
        return Set.of(CardLocks.customer(c.request().customerId()));
    }

    @Override
    public Context load(StoreView view, RemoveLine p, CommandContext ctx) {
        CardReads.requireCustomer(view, p.customerId());
        return new Context(p, CardReads.card(view, p.customerId(), settingsInForce.on(view, ctx.businessDate())));
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context context) {
        return CardFacts.accountOf(context.card());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        RemoveLine p = c.request();
        List<Object> facts = new ArrayList<>(CardFacts.card(c.card()));
        facts.add(new CardRemoveLine(p.customerId(), p.documentId(), p.lineId(), p.note()));
        return facts;
    }
}

package org.loyaltyengine.pos.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.pos.PosRequests.ChangeCredit;
import org.loyaltyengine.rules.facts.PosChangeCredit;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.CurrencyMismatchException;

/**
 * A manual top-up (positive) or deduction (negative) with a note (SPEC PC-4, PC-7). It changes only
 * the card's account, which the pipeline locks; the card's definition is read, never written.
 */
final class ChangeCreditCommand implements Command<ChangeCredit, ChangeCreditCommand.Context> {
    record Context(ChangeCredit request, Card card) {
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".change-credit";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(ChangeCredit change) {
        return Permission.of(PosCards.MANUAL_PERMISSION);
    }

    @Override
    public Context load(StoreView view, ChangeCredit change, CommandContext ctx) {
        Card card = OnReceipt.card(view, change.cardNumber());
        if (!card.currency().equals(change.amount().currency())) {
            throw CurrencyMismatchException.of("the change of credit", change.amount().currency().getCurrencyCode(),
                    "card " + card.number(), card.currency().getCurrencyCode(),
                    "change the credit in " + card.currency().getCurrencyCode());
        }
        return new Context(change, card);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context c) {
        return Map.of(PosCards.accountOf(c.card()), BigDecimal.ZERO);
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        ChangeCredit p = c.request();
        return List.of(OnReceipt.cardFact(c.card(), accounts.get(PosCards.accountOf(c.card()))),
                new PosChangeCredit(p.cardNumber(), p.amount().amount(), p.note()));
    }
}

package org.loyaltyengine.pos.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.pos.PosCards;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.rules.facts.PosDefineCard;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Card;
import org.loyaltyengine.spi.CurrencyMismatchException;
import org.loyaltyengine.spi.LockKey;

/** Creates a card, or changes the definition of an existing one (SPEC PC-1). */
final class DefineCardCommand implements Command<Card, DefineCardCommand.Context> {
    /** The definition asked for, and the card as it stands (empty: the number is free). */
    record Context(Card card, Optional<Card> existing) {
    }

    @Override
    public String name() {
        return PosCards.PROGRAM + ".define-card";
    }

    @Override
    public String ruleSet() {
        return PosCards.PROGRAM;
    }

    @Override
    public Permission permission(Card card) {
        return Permission.of(PosCards.CARDS_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(Card card, CommandContext ctx) {
        return Set.of(LockKey.card(card.number()));
    }

    @Override
    public Context load(StoreView view, Card card, CommandContext ctx) {
        Optional<Card> existing = view.card(card.number());
        // The card's account is named by its currency: a card that changed it would leave its credit behind.
        if (existing.isPresent() && !existing.get().currency().equals(card.currency())) {
            throw CurrencyMismatchException.of("the new definition of card " + card.number(),
                    card.currency().getCurrencyCode(), "its credit", existing.get().currency().getCurrencyCode(),
                    "a card's currency cannot change; define a new card for " + card.currency().getCurrencyCode());
        }
        return new Context(card, existing);
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        Card card = c.card();
        return List.of(new PosDefineCard(card.number(), card.discountPercent(), card.creditDrawing(), card.loadOntoCard(),
                c.existing().isEmpty()));
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        return List.of(c.existing().isEmpty() ? new Write.InsertCard(c.card()) : new Write.UpdateCard(c.existing().get(), c.card()));
    }

    @Override
    public List<AuditSubject> audited(Context c, Decision decision) {
        return List.of(AuditSubject.card(AuditTrail.POS_CARD, c.card().number()));
    }
}

package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CardLock;
import org.loyaltyengine.rules.facts.CardSale;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * Locks a consultation or sale (SPEC CC-5): it is recorded, and when the customer takes part its
 * eligible lines go on the card. Locking a document again after an unlock puts on the card only what is
 * not on a card already, so lock, unlock, lock gives the same card as one lock. For a customer who takes
 * part, the card is counted as the lock leaves it (CC-14): the outcome carries its
 * {@link org.loyaltyengine.rules.facts.CardStatusResult} and {@link org.loyaltyengine.rules.facts.CardFigures},
 * and the notice {@code CARD_FULL} when it is full.
 */
final class LockCommand implements Command<Sale, LockCommand.Context> {
    private final CardSettingsInForce settingsInForce;

    LockCommand(CardSettingsInForce settingsInForce) {
        this.settingsInForce = settingsInForce;
    }

    /**
     * @param stored the sale as stored before, or null
     * @param locked the sale as it is to be stored once locked
     * @param open   for a customer who takes part, the other sales the open card can name: the lock counts
     *               the card it leaves (CC-14); empty otherwise
     */
    record Context(Sale sale, CardSettings settings, CardReads.CustomerCard card, Document stored, Catalogue catalogue,
                   Document locked, boolean keptAlready, Map<String, Optional<Document>> open) {
        Context {
            open = Map.copyOf(open);
        }
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".lock";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(Sale request) {
        return Permission.none();
    }

    /** The sale. */
    @Override
    public Set<LockKey> keys(Sale s, CommandContext ctx) {
        return Set.of(CardDocuments.sale(s.documentId()));
    }

    /** The customer's card, read here and whose account may open (and the settings, for a first sale). */
    @Override
    public Set<LockKey> keysOf(Context c) {
        return CardLocks.cardOf(c.sale().customerId(), c.keptAlready());
    }

    @Override
    public Context load(StoreView view, Sale s, CommandContext ctx) {
        CardReads.requireCustomer(view, s.customerId());
        CardSettings settings = settingsInForce.on(view, ctx.businessDate());
        CardReads.requireCurrency(settings, "document " + s.documentId(), s.currency().getCurrencyCode());
        Catalogue catalogue = Catalogue.of(view, s.lines().stream().map(SaleLine::product).toList());
        Optional<Document> stored = CardReads.saleOf(view, s.documentId(), s.customerId());
        CardReads.CustomerCard card = CardReads.card(view, s.customerId(), settings);
        SaleChecks.require(settingsInForce, ctx.businessDate(), stored, s, card, false);
        Map<String, Optional<Document>> open = new HashMap<>();
        if (card.enrolled()) {
            open.putAll(CardReads.openDocuments(view, card.entries(), Map.of(s.documentId(), Optional.empty())));
            open.remove(s.documentId());
        }
        return new Context(s, settings, card, stored.orElse(null), catalogue,
                CardDocuments.saleAs(s, "LOCKED", stored.orElse(null)),
                CardReads.keptAlready(view, card, stored.isPresent()), open);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context context) {
        return CardFacts.accountOf(context.card());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        Sale s = c.sale();
        List<Object> facts = new ArrayList<>();
        facts.add(new CardLock(s.documentId(), s.customerId()));
        facts.addAll(CardFacts.card(c.card()));
        facts.add(new CardSale(s.documentId(), s.customerId(), s.date(),
                c.stored() == null ? null : c.stored().status(),
                c.stored() != null && CardDocuments.hasReturns(c.stored())));
        facts.add(c.settings());
        facts.addAll(c.catalogue().periods());
        facts.addAll(CardFacts.saleLines(s));
        if (c.card().enrolled()) {
            // The card as the lock leaves it is counted: its own lines as they are locked, beside the others.
            facts.addAll(CardFacts.openCard(c.card(), accounts.get(c.card().account()).balance(), c.open()));
            facts.addAll(CardFacts.storedLines(c.locked()));
        }
        return facts;
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        return List.of(new Write.SaveDocument(context.locked()));
    }
}

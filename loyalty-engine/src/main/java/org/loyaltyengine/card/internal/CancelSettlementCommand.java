package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.CancelSettlement;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CardCancelSettlement;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.rules.facts.CardSettlementReversed;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * Takes back the settlement booked on a consultation or sale still being made (CC-12), as unlocking a locked
 * one does: the settlement's amount goes back on the card, the document's own lines it put on at once leave
 * it (the document is not locked), the outcome carries the {@link CardSettlementReversed}, and the settlement
 * is kept as taken back. The document stays as it is, so it can be changed, locked or settled on again.
 */
final class CancelSettlementCommand implements Command<CancelSettlement, CancelSettlementCommand.Context> {
    private final CardSettingsInForce settingsInForce;

    CancelSettlementCommand(CardSettingsInForce settingsInForce) {
        this.settingsInForce = settingsInForce;
    }

    /** @param settlements the settlements booked on the document and not taken back yet */
    record Context(Document document, CardSettings settings, CardReads.CustomerCard card, List<Document> settlements,
                   String user) {
        Context {
            settlements = List.copyOf(settlements);
        }
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".cancel-settlement";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    /** None, as the settlement it takes back needed none. */
    @Override
    public Permission permission(CancelSettlement request) {
        return Permission.none();
    }

    /** The document. */
    @Override
    public Set<LockKey> keys(CancelSettlement c, CommandContext ctx) {
        return Set.of(CardDocuments.sale(c.documentId()));
    }

    /** The card of the document's customer and the settlements booked on the document. */
    @Override
    public Set<LockKey> keysOf(Context c) {
        return CardLocks.customerAndSettlements(c.document().owner(), c.settlements());
    }

    @Override
    public Context load(StoreView view, CancelSettlement c, CommandContext ctx) {
        Document doc = CardReads.sale(view, c.documentId());
        CardSettings settings = settingsInForce.on(view, ctx.businessDate());
        return new Context(doc, settings, CardReads.card(view, doc.owner(), settings),
                CardReads.settlementsOn(view, doc), ctx.actor().user());
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context context) {
        return CardFacts.accountOf(context.card());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CardCancelSettlement(c.document().id(), c.document().owner()));
        facts.addAll(CardFacts.card(c.card()));
        facts.addAll(CardFacts.document(c.document()));
        return facts;
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        return CardDocuments.takenBack(context.settlements(),
                decision.resultOf(CardSettlementReversed.class).isPresent(), context.user());
    }
}

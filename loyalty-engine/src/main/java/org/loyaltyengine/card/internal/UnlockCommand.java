package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.Unlock;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.rules.facts.CardSettlementReversed;
import org.loyaltyengine.rules.facts.CardUnlock;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LockKey;

/**
 * Unlocks a consultation or sale so it can be changed (SPEC CC-5): its lines leave the open card by
 * reversal entries. Only what is on the open card comes off: a settled line was paid out already. When the
 * card was settled on this document, unlocking it takes that settlement back first (CC-12): its amount goes
 * back on the card, the outcome carries the {@link org.loyaltyengine.rules.facts.CardSettlementReversed}
 * (the free booking the host withdraws), and the settlement is kept as taken back.
 */
final class UnlockCommand implements Command<Unlock, UnlockCommand.Context> {
    private final CardSettingsInForce settingsInForce;

    UnlockCommand(CardSettingsInForce settingsInForce) {
        this.settingsInForce = settingsInForce;
    }

    /**
     * @param unlocked    the document as it is to be stored once unlocked
     * @param settlements the settlements booked on the document and not taken back yet
     */
    record Context(Document document, CardSettings settings, CardReads.CustomerCard card, Document unlocked,
                   List<Document> settlements, String user) {
        Context {
            settlements = List.copyOf(settlements);
        }
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".unlock";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(Unlock request) {
        return Permission.none();
    }

    /** The document. */
    @Override
    public Set<LockKey> keys(Unlock u, CommandContext ctx) {
        return Set.of(CardDocuments.sale(u.documentId()));
    }

    /**
     * The card of the document's customer (the request does not name whose card it changes) and the
     * settlements booked on the document, which it may take back.
     */
    @Override
    public Set<LockKey> keysOf(Context c) {
        return CardLocks.customerAndSettlements(c.document().owner(), c.settlements());
    }

    @Override
    public Context load(StoreView view, Unlock u, CommandContext ctx) {
        Document doc = CardReads.sale(view, u.documentId());
        CardSettings settings = settingsInForce.on(view, ctx.businessDate());
        CardReads.CustomerCard card = CardReads.card(view, doc.owner(), settings);
        Document unlocked = new Document(CardDocuments.SALE, doc.id(), doc.owner(), "UNLOCKED", doc.date(),
                doc.currency(), doc.attributes(), doc.lines(), doc.version());
        return new Context(doc, settings, card, unlocked, CardReads.settlementsOn(view, doc), ctx.actor().user());
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context context) {
        return CardFacts.accountOf(context.card());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        facts.add(new CardUnlock(c.document().id(), c.document().owner()));
        facts.addAll(CardFacts.card(c.card()));
        facts.addAll(CardFacts.document(c.document()));
        return facts;
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        List<Write> writes = new ArrayList<>();
        writes.add(new Write.SaveDocument(context.unlocked()));
        writes.addAll(CardDocuments.takenBack(context.settlements(),
                decision.resultOf(CardSettlementReversed.class).isPresent(), context.user()));
        return writes;
    }
}

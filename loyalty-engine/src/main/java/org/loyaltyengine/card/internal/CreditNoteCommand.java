package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.NoSuchEntityException;
import org.loyaltyengine.card.CardRequests.CreditNote;
import org.loyaltyengine.card.CardRequests.ReturnLine;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CardReturnLine;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.InvalidValueException;
import org.loyaltyengine.spi.LockKey;

/**
 * Returns lines of a locked sale (SPEC X-13): the returned share of each line's card value comes off the
 * card once. If the value was settled already, the reversal shows on the open card. The sale records
 * what was returned of each line, and the credit note is kept under its own id, booked once.
 */
final class CreditNoteCommand implements Command<CreditNote, CreditNoteCommand.Context> {
    private final CardSettingsInForce settingsInForce;

    CreditNoteCommand(CardSettingsInForce settingsInForce) {
        this.settingsInForce = settingsInForce;
    }

    /**
     * @param returned the sale as it is to be stored with the returns
     * @param note     the credit note as it is to be stored
     */
    record Context(CreditNote request, Document document, CardSettings settings, CardReads.CustomerCard card,
                   Document returned, Document note) {
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".credit-note";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(CreditNote request) {
        return Permission.none();
    }

    /** The sale and the credit note. */
    @Override
    public Set<LockKey> keys(CreditNote n, CommandContext ctx) {
        return Set.of(CardDocuments.sale(n.documentId()), LockKey.document(CardDocuments.CREDIT_NOTE,
                n.creditNoteId()));
    }

    /** The card of the sale's customer: the request does not name whose card it changes. */
    @Override
    public Set<LockKey> keysOf(Context c) {
        return Set.of(CardLocks.customer(c.document().owner()));
    }

    @Override
    public Context load(StoreView view, CreditNote n, CommandContext ctx) {
        Document doc = CardReads.sale(view, n.documentId());
        for (ReturnLine r : n.lines()) {
            doc.line(r.lineId()).orElseThrow(() -> new NoSuchEntityException("document line",
                    n.documentId() + "/" + r.lineId()));
        }
        if (view.document(CardDocuments.CREDIT_NOTE, n.creditNoteId()).isPresent()) {
            throw new InvalidValueException("credit note " + n.creditNoteId()
                    + " was booked already; give a new credit note its own id");
        }
        CardSettings settings = settingsInForce.on(view, ctx.businessDate());
        CardReads.CustomerCard card = CardReads.card(view, doc.owner(), settings);
        return new Context(n, doc, settings, card, withReturns(doc, n), note(doc, n, ctx));
    }

    /** The sale with each returned quantity added to its line, marked as having returns. */
    private static Document withReturns(Document doc, CreditNote n) {
        Map<String, BigDecimal> returned = new HashMap<>();
        n.lines().forEach(r -> returned.put(r.lineId(), r.quantity()));
        List<DocumentLine> lines = new ArrayList<>();
        for (DocumentLine l : doc.lines()) {
            BigDecimal q = returned.get(l.lineId());
            if (q != null) {
                Map<String, String> attributes = new TreeMap<>(l.attributes());
                attributes.put("returned", CardDocuments.returnedOf(l).add(q).toPlainString());
                l = new DocumentLine(l.lineId(), l.product(), l.quantity(), l.amount(), attributes);
            }
            lines.add(l);
        }
        Map<String, String> attributes = new TreeMap<>(doc.attributes());
        attributes.put("returns", "true");
        return new Document(CardDocuments.SALE, doc.id(), doc.owner(), doc.status(), doc.date(), doc.currency(),
                attributes, lines, doc.version());
    }

    private static Document note(Document doc, CreditNote n, CommandContext ctx) {
        List<DocumentLine> noteLines = n.lines().stream().map(r -> new DocumentLine(r.lineId(),
                doc.line(r.lineId()).orElseThrow().product(), r.quantity(), BigDecimal.ZERO, Map.of())).toList();
        return new Document(CardDocuments.CREDIT_NOTE, n.creditNoteId(), doc.owner(), "BOOKED", ctx.businessDate(),
                doc.currency(), Map.of("document", doc.id()), noteLines, 0);
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context context) {
        return CardFacts.accountOf(context.card());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        List<Object> facts = new ArrayList<>();
        for (ReturnLine r : c.request().lines()) {
            facts.add(new CardReturnLine(c.request().creditNoteId(), c.document().id(), r.lineId(), r.quantity()));
        }
        facts.addAll(CardFacts.card(c.card()));
        facts.addAll(CardFacts.document(c.document()));
        return facts;
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        return List.of(new Write.SaveDocument(context.returned()), new Write.SaveDocument(context.note()));
    }
}

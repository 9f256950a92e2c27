package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.loyaltyengine.CommandContext;
import org.loyaltyengine.InternalDefectException;
import org.loyaltyengine.card.CardRequests.Sale;
import org.loyaltyengine.card.CardRequests.SaleLine;
import org.loyaltyengine.card.CardRequests.Settle;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.rules.facts.CardSettle;
import org.loyaltyengine.rules.facts.CardSettlementResult;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.LockKey;

/**
 * Settles the customer's open card on a consultation or sale being made (SPEC CC-6): the document's own
 * eligible lines join the card, the whole amount is booked as one negative free booking on the document
 * (the outcome's {@link CardSettlementResult}, kept as a settlement document named by the idempotency
 * key) and a new card starts. The document is recorded as OPEN unless it was known
 * already; when it is locked later, the lines settled here are not put on the card again.
 */
final class SettleCommand implements Command<Settle, SettleCommand.Context> {
    private final CardSettingsInForce settingsInForce;

    SettleCommand(CardSettingsInForce settingsInForce) {
        this.settingsInForce = settingsInForce;
    }

    /**
     * @param documents the sale documents the open card's lines can name, the settling one included if stored
     * @param recorded  the settling sale as it is to be stored with the settlement, or null: it is locked
     *                  and stays as it is
     */
    record Context(Sale sale, CardSettings settings, CardReads.CustomerCard card, Catalogue catalogue,
                   Map<String, Optional<Document>> documents, Document recorded, String settlementId, LocalDate date,
                   boolean keptAlready) {
        Context {
            documents = Map.copyOf(documents);
        }
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".settle";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(Settle request) {
        return Permission.none();
    }

    /** The sale and the settlement. */
    @Override
    public Set<LockKey> keys(Settle s, CommandContext ctx) {
        return Set.of(CardDocuments.sale(s.document().documentId()),
                LockKey.document(CardDocuments.SETTLEMENT, ctx.key().value()));
    }

    /** The customer's card, read here and whose account may open (and the settings, for a first sale). */
    @Override
    public Set<LockKey> keysOf(Context c) {
        return CardLocks.cardOf(c.sale().customerId(), c.keptAlready());
    }

    @Override
    public Context load(StoreView view, Settle request, CommandContext ctx) {
        Sale s = request.document();
        CardReads.requireCustomer(view, s.customerId());
        CardSettings settings = settingsInForce.on(view, ctx.businessDate());
        CardReads.requireCurrency(settings, "document " + s.documentId(), s.currency().getCurrencyCode());
        Catalogue catalogue = Catalogue.of(view, s.lines().stream().map(SaleLine::product).toList());
        Optional<Document> stored = CardReads.saleOf(view, s.documentId(), s.customerId());
        CardReads.CustomerCard card = CardReads.card(view, s.customerId(), settings);
        SaleChecks.require(settingsInForce, ctx.businessDate(), stored, s, card, true);
        Map<String, Optional<Document>> known = new HashMap<>();
        known.put(s.documentId(), stored);
        Map<String, Optional<Document>> documents = CardReads.openDocuments(view, card.entries(), known);
        // A document still being made keeps the lines this settlement pays out, so a later lock cannot
        // leave out a line whose value is on a card; a locked one is final as it is.
        Document recorded = stored.isEmpty() ? CardDocuments.saleAs(s, "OPEN", null)
                : stored.get().status().equals("LOCKED") ? null
                : CardDocuments.saleAs(s, stored.get().status(), stored.get());
        return new Context(s, settings, card, catalogue, documents, recorded, ctx.key().value(), ctx.businessDate(),
                CardReads.keptAlready(view, card, stored.isPresent()));
    }

    @Override
    public Map<AccountKey, BigDecimal> accounts(Context context) {
        return CardFacts.accountOf(context.card());
    }

    @Override
    public List<Object> facts(Context c, Map<AccountKey, Account> accounts) {
        Sale sale = c.sale();
        AccountKey key = c.card().account();
        List<Object> facts = new ArrayList<>();
        facts.add(new CardSettle(sale.customerId(), sale.documentId()));
        facts.add(c.settings());
        facts.addAll(CardFacts.card(c.card()));
        facts.addAll(CardFacts.openCard(c.card(), accounts.get(key).balance(), c.documents()));
        facts.addAll(c.catalogue().periods());
        facts.addAll(CardFacts.saleLines(sale));
        return facts;
    }

    @Override
    public List<Write> writes(Context c, Decision decision, Applied applied) {
        Sale sale = c.sale();
        List<Write> writes = new ArrayList<>();
        if (c.recorded() != null) {
            writes.add(new Write.SaveDocument(c.recorded()));
        }
        BigDecimal amount = decision.resultOf(CardSettlementResult.class).map(CardSettlementResult::settlement)
                .orElseThrow(() -> new InternalDefectException("the settlement rules applied a settlement and decided no "
                        + CardSettlementResult.class.getSimpleName()));
        writes.add(new Write.SaveDocument(new Document(CardDocuments.SETTLEMENT, c.settlementId(), sale.customerId(),
                CardDocuments.BOOKED, c.date(), sale.currency().getCurrencyCode(), Map.of("document", sale.documentId()),
                List.of(new DocumentLine("free-booking", CustomerCards.PROGRAM, BigDecimal.ONE, amount.negate(),
                        Map.of())), 0)));
        return writes;
    }
}

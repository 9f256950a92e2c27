package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.card.CardRequests.DefineProduct;
import org.loyaltyengine.card.CustomerCards;
import org.loyaltyengine.internal.Applied;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.Command;
import org.loyaltyengine.internal.Permission;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.Decision;
import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.LockKey;

/**
 * Adds (or replaces) a validity period of a product (SPEC CC-2). The product's document keeps all its
 * periods together, so a sale is judged by the period in force on its own date; it is saved with the
 * version read, under the product's key, so concurrent periods of one product are all kept.
 */
final class DefineProductCommand implements Command<DefineProduct, DefineProductCommand.Context> {
    /** The product's document with the new period among the ones it had. */
    record Context(Document product) {
    }

    @Override
    public String name() {
        return CustomerCards.PROGRAM + ".define-product";
    }

    @Override
    public String ruleSet() {
        return CustomerCards.PROGRAM;
    }

    @Override
    public Permission permission(DefineProduct request) {
        return Permission.of(CustomerCards.CATALOGUE_PERMISSION);
    }

    @Override
    public Set<LockKey> keys(DefineProduct p, CommandContext ctx) {
        return Set.of(LockKey.document(CardDocuments.PRODUCT, p.product()));
    }

    @Override
    public Context load(StoreView view, DefineProduct p, CommandContext ctx) {
        Optional<Document> existing = view.document(CardDocuments.PRODUCT, p.product());
        Map<String, DocumentLine> periods = new TreeMap<>();
        existing.ifPresent(doc -> doc.lines().forEach(l -> periods.put(l.lineId(), l)));
        Map<String, String> attributes = new TreeMap<>();
        attributes.put("eligible", Boolean.toString(p.eligible()));
        if (p.percent() != null) {
            attributes.put("percent", p.percent().toPlainString());
        }
        String from = p.validFrom().toString();
        periods.put(from, new DocumentLine(from, p.product(), BigDecimal.ONE, BigDecimal.ZERO, attributes));
        LocalDate first = LocalDate.parse(periods.keySet().iterator().next());
        return new Context(new Document(CardDocuments.PRODUCT, p.product(), null, "ACTIVE", first, null, Map.of(),
                List.copyOf(periods.values()), existing.map(Document::version).orElse(0L)));
    }

    @Override
    public List<Object> facts(Context context, Map<AccountKey, Account> accounts) {
        return List.of();
    }

    @Override
    public List<Write> writes(Context context, Decision decision, Applied applied) {
        return List.of(new Write.SaveDocument(context.product()));
    }

    @Override
    public List<AuditSubject> audited(Context context, Decision decision) {
        return List.of(AuditSubject.document(AuditTrail.CARD_PRODUCT, CardDocuments.PRODUCT, context.product().id()));
    }
}

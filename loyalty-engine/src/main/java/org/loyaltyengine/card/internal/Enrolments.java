package org.loyaltyengine.card.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.loyaltyengine.AuditTrail;
import org.loyaltyengine.CommandContext;
import org.loyaltyengine.internal.AuditSubject;
import org.loyaltyengine.internal.StoreView;
import org.loyaltyengine.internal.Write;
import org.loyaltyengine.rules.facts.CardEnrol;
import org.loyaltyengine.rules.facts.CardSettings;
import org.loyaltyengine.spi.AccountKey;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.DocumentLine;
import org.loyaltyengine.spi.LockKey;

/**
 * What enrolling one or many customers reads and decides on (SPEC CC-3, CC-4): each customer's card and
 * locked sales, each with the eligibility and percentage in force on its own date, so the earlier
 * purchases count at once. Shared by {@link EnrolCommand} and {@link EnrolAllCommand}.
 */
final class Enrolments {
    private Enrolments() {
    }

    /** One customer to enrol: the card as read, and the sales the practice locked for them. */
    /** @param enrolment the customer's enrolment as stored (a withdrawn one, CC-11), or null */
    record Candidate(CardReads.CustomerCard card, List<Document> lockedSales, Document enrolment) {
        Candidate {
            lockedSales = List.copyOf(lockedSales);
        }
    }

    /**
     * What the enrolment decides on: the customers in the order their facts are given, whether the
     * practice enrols them one by one ({@code explicit}) or in bulk, and who enrols them when.
     */
    record Context(CardSettings settings, List<Candidate> customers, Catalogue catalogue, boolean explicit,
                   LocalDate date, String user) {
        Context {
            customers = List.copyOf(customers);
        }
    }

    /**
     * Reads each customer's card and locked sales once, and every product they name once. One by one
     * ({@code explicit}) a customer who takes part already is kept, for the rules to refuse; in bulk he
     * is left out.
     */
    static Context load(StoreView view, CardSettings settings, List<String> customerIds, boolean explicit,
                        CommandContext ctx) {
        List<Candidate> candidates = new ArrayList<>();
        List<String> products = new ArrayList<>();
        for (String id : customerIds) {
            Document enrolment = view.document(CardDocuments.ENROLMENT, id).orElse(null);
            boolean enrolled = CardDocuments.isEnrolled(enrolment);
            // In bulk a customer who stopped taking part is left out as well: they chose to (CC-11).
            if (enrolment != null && !explicit) {
                continue;
            }
            List<Document> locked = view.documents(CardDocuments.SALE, id).stream()
                    .filter(doc -> doc.status().equals("LOCKED")).toList();
            locked.forEach(doc -> doc.lines().stream().map(DocumentLine::product).forEach(products::add));
            candidates.add(new Candidate(CardReads.card(view, id, settings, enrolled), locked, enrolment));
        }
        return new Context(settings, candidates, Catalogue.of(view, products), explicit, ctx.businessDate(),
                ctx.actor().user());
    }

    /** The card of each customer to enrol. */
    static Set<LockKey> keysOf(Context context) {
        Set<LockKey> keys = new TreeSet<>();
        context.customers().forEach(c -> keys.add(CardLocks.customer(c.card().customerId())));
        return keys;
    }

    static Map<AccountKey, BigDecimal> accounts(Context context) {
        Map<AccountKey, BigDecimal> accounts = new LinkedHashMap<>();
        for (Candidate c : context.customers()) {
            accounts.putAll(CardFacts.accountOf(c.card()));
        }
        return accounts;
    }

    static List<Object> facts(Context context) {
        List<Object> facts = new ArrayList<>();
        facts.add(context.settings());
        facts.addAll(context.catalogue().periods());
        for (Candidate c : context.customers()) {
            facts.add(new CardEnrol(c.card().customerId(), context.explicit()));
            facts.addAll(CardFacts.card(c.card()));
            for (Document doc : c.lockedSales()) {
                facts.addAll(CardFacts.document(doc));
            }
        }
        return facts;
    }

    /** An enrolment document for each customer who did not take part when the context was read. */
    static List<Write> writes(Context context) {
        List<Write> writes = new ArrayList<>();
        for (Candidate c : context.customers()) {
            if (!c.card().enrolled()) {
                writes.add(new Write.SaveDocument(CardDocuments.enrolment(c.card().customerId(), context.date(),
                        context.explicit() ? "enrolled" : "bulk", context.user(), c.enrolment())));
            }
        }
        return writes;
    }

    static List<AuditSubject> audited(Context context) {
        return context.customers().stream().map(c -> AuditSubject.document(AuditTrail.CARD_ENROLMENT,
                CardDocuments.ENROLMENT, c.card().customerId())).toList();
    }
}

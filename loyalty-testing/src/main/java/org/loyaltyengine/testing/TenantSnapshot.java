package org.loyaltyengine.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.loyaltyengine.spi.Account;
import org.loyaltyengine.spi.Document;
import org.loyaltyengine.spi.LedgerEntry;
import org.loyaltyengine.spi.LoyaltyStore;
import org.loyaltyengine.spi.StoreTransaction;
import org.loyaltyengine.spi.StoredOutcome;
import org.loyaltyengine.spi.TenantId;

/**
 * Everything a store holds for one tenant, read through the SPI's read and list methods, as sorted
 * text: accounts, every ledger entry of each, holds (pending per account and every hold of every
 * document the tenant knows), documents of every type, cards, customers, settings of every program and
 * the stored outcomes. Two snapshots are equal exactly when nothing of the tenant changed.
 *
 * <p>The SPI lists accounts per program, documents per type and settings per program, so the snapshot
 * names the engine's programs and document types; a program or document type added to the engine
 * must be added here too, or its state would not be compared.
 */
public record TenantSnapshot(Map<String, List<String>> parts, List<StoredOutcome> outcomes) {
    /** The programs that own accounts and settings. */
    public static final List<String> PROGRAMS = List.of("pos-card", "customer-card", "savings-points", "customers",
            "credits");
    /** Every document type the engine writes. */
    public static final List<String> DOCUMENT_TYPES = List.of("pos-receipt", "customer-card.sale",
            "customer-card.product", "customer-card.enrolment", "customer-card.settlement",
            "customer-card.credit-note", "points-booking", "points-supplier", "points-participant", "points-rate",
            "points-expiry",
            "webshop-order",
            "webshop-buyer",
            "credits-type", "credits-customer", "credits-sale", "credits-usage", "credits-correction");

    public static TenantSnapshot of(LoyaltyStore store, TenantId tenant) {
        return store.inTransaction(tenant, TenantSnapshot::read);
    }

    private static TenantSnapshot read(StoreTransaction tx) {
        Map<String, List<String>> parts = new TreeMap<>();
        TreeSet<String> accounts = new TreeSet<>();
        TreeSet<String> entries = new TreeSet<>();
        TreeSet<String> holds = new TreeSet<>();
        TreeSet<String> documentIds = new TreeSet<>();
        for (String program : PROGRAMS) {
            for (Account a : tx.accounts().ofProgram(program)) {
                accounts.add(a.toString());
                for (LedgerEntry e : tx.ledger().entries(a.key())) {
                    entries.add(e.toString());
                    if (e.document() != null) {
                        documentIds.add(e.document());
                    }
                }
                tx.holds().pending(a.key()).forEach(h -> holds.add(h.toString()));
            }
        }
        TreeSet<String> documents = new TreeSet<>();
        for (String type : DOCUMENT_TYPES) {
            for (Document d : tx.documents().list(type, null)) {
                documents.add(d.toString());
                documentIds.add(d.id());
            }
        }
        for (String id : documentIds) {
            tx.holds().ofDocument(id).forEach(h -> holds.add(h.toString()));
            tx.ledger().ofDocument(id).forEach(e -> entries.add(e.toString()));
        }
        TreeSet<String> settings = new TreeSet<>();
        for (String program : PROGRAMS) {
            settings.add(program + "=" + new TreeMap<>(tx.settings().of(program)));
        }
        parts.put("accounts", List.copyOf(accounts));
        parts.put("ledger", List.copyOf(entries));
        parts.put("holds", List.copyOf(holds));
        parts.put("documents", List.copyOf(documents));
        parts.put("cards", tx.cards().all().stream().map(Object::toString).sorted().toList());
        parts.put("customers", tx.customers().all().stream().map(Object::toString).sorted().toList());
        parts.put("settings", List.copyOf(settings));
        List<StoredOutcome> outcomes = new ArrayList<>(tx.outcomes().all());
        outcomes.sort(java.util.Comparator.comparing(o -> o.key().value()));
        return new TenantSnapshot(parts, List.copyOf(outcomes));
    }
}
